namespace OrderCluster.Runtime.Lifecycle;

/// <summary>
/// A service that starts and stops with the silo at a named stage: stages start in ascending order and
/// stop in descending order, so storage is up before grains run and outlives them on the way down.
/// </summary>
public interface ISiloLifecycleParticipant
{
    /// <summary>One of <see cref="SiloLifecycleStage"/>.</summary>
    int Stage { get; }

    /// <summary>Shown in logs.</summary>
    string Name { get; }

    Task OnStartAsync(CancellationToken cancellationToken);

    /// <summary>Stops within the grace period; the token is cancelled when the grace period ends.</summary>
    Task OnStopAsync(CancellationToken cancellationToken);
}

/// <summary>The named stages of the silo lifecycle.</summary>
public static class SiloLifecycleStage
{
    /// <summary>Schemas created or migrated; connections ready.</summary>
    public const int Storage = 1000;

    /// <summary>On the way down, after the grains drained and before storage stops: leave the cluster.</summary>
    public const int ClusterExit = 1500;

    /// <summary>Grain calls possible: catalog, scheduling, state.</summary>
    public const int RuntimeServices = 2000;

    /// <summary>Cluster membership joined (cluster mode).</summary>
    public const int Membership = 3000;

    /// <summary>Background work that calls grains: durable timers, stream pulling.</summary>
    public const int BackgroundWork = 4000;

    /// <summary>Ready for traffic.</summary>
    public const int Active = 10000;
}
