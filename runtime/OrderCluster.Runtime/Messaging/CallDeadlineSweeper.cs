using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Messaging;

/// <summary>
/// Enforces call deadlines. Every pending local call sits in its activation (waiting or running), so a
/// periodic sweep over the busy activations finds the late ones: no per-call registry on the hot path.
/// A late caller gets a <see cref="TimeoutException"/>; the call itself is never retried (it may have run).
/// </summary>
internal sealed class CallDeadlineSweeper(
    Catalog catalog, TimeProvider time, IOptions<RuntimeOptions> options, ILogger<CallDeadlineSweeper> logger)
    : PeriodicSiloService(time)
{
    public override int Stage => SiloLifecycleStage.RuntimeServices;

    public override string Name => "call deadlines";

    protected override TimeSpan Interval => options.Value.CallTimeoutCheckInterval;

    // Keep sweeping while the catalog drains: a call stuck during shutdown still gets its timeout.
    public override Task OnStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void RunOnce() => Sweep();

    internal int Sweep()
    {
        var now = Time.GetTimestamp();
        var failed = 0;
        foreach (var activation in catalog.Activations)
        {
            foreach (var request in activation.TakeExpiredCalls(now))
            {
                if (!request.TryFail(CallDeadlines.TimeoutFor(request))) continue;
                failed++;
                RuntimeLog.CallTimedOut(logger, request.Method.DisplayName, request.Target, request.Timeout);
            }
        }

        return failed;
    }
}
