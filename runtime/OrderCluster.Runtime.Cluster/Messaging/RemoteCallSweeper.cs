using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;

namespace OrderCluster.Runtime.Cluster.Messaging;

/// <summary>Fails remote calls and probes whose deadline passed (the local sweep covers local calls).</summary>
internal sealed class RemoteCallSweeper(RemoteCallSender sender, TimeProvider time, IOptions<RuntimeOptions> options)
    : PeriodicSiloService(time)
{
    public override int Stage => SiloLifecycleStage.RuntimeServices;

    public override string Name => "remote call deadlines";

    protected override TimeSpan Interval => options.Value.CallTimeoutCheckInterval;

    // Remote calls made while draining still get their deadline.
    public override Task OnStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void RunOnce() => sender.FailExpired();
}
