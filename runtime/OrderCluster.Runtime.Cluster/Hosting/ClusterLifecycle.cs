using OrderCluster.Runtime.Cluster.Membership;
using OrderCluster.Runtime.Cluster.Messaging;
using OrderCluster.Runtime.Cluster.Transport;
using OrderCluster.Runtime.Lifecycle;

namespace OrderCluster.Runtime.Cluster.Hosting;

/// <summary>Joins the cluster once the runtime can serve calls: Joining, reach every active silo, Active, probe.</summary>
internal sealed class ClusterJoin(MembershipAgent agent, FailureDetector detector, IncomingFrameHandler handler, OwnershipMonitor monitor)
    : ISiloLifecycleParticipant
{
    public int Stage => SiloLifecycleStage.Membership;

    public string Name => "cluster membership";

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(handler); // constructing it connects the transport to the runtime
        GC.KeepAlive(monitor); // constructing it subscribes to ring changes
        await agent.JoinAsync(cancellationToken);
        _ = detector.StartAsync();
    }

    public Task OnStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The first thing a stopping silo does: leave the ring (ShuttingDown), so peers route new work elsewhere.</summary>
internal sealed class ClusterShutdownAnnouncer(MembershipAgent agent) : ISiloLifecycleParticipant
{
    public int Stage => SiloLifecycleStage.Active;

    public string Name => "cluster drain announcement";

    public Task OnStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnStopAsync(CancellationToken cancellationToken) => agent.AnnounceShutdownAsync(cancellationToken);
}

/// <summary>The last cluster step of a stopping silo, after its grains drained: leave (Dead) and close connections.</summary>
internal sealed class ClusterExit(MembershipAgent agent, ConnectionManager connections) : ISiloLifecycleParticipant
{
    public int Stage => SiloLifecycleStage.ClusterExit;

    public string Name => "cluster exit";

    public Task OnStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await agent.LeaveAsync(cancellationToken);
        await connections.DisposeAsync();
    }
}
