namespace OrderCluster.Runtime.Cluster.Hosting;

/// <summary>Cluster membership and transport (configuration section <c>Cluster</c>). Every default is documented.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Silos with the same name and database form one cluster. Default: <c>ordercluster</c>.</summary>
    public string Name { get; set; } = "ordercluster";

    /// <summary>TCP port for silo-to-silo traffic. Default: 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The address other silos reach this one at (in Kubernetes the pod IP). Default: the first
    /// non-loopback IPv4 address of an up network interface, else the host name.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How often each silo probes its monitored peers. Default: 1 s.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a probe may take before it counts as missed. Default: 1 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive missed probes after which a silo votes its peer suspect. Default: 3.</summary>
    public int MissedProbesForSuspicion { get; set; } = 3;

    /// <summary>Fresh suspicion votes (from distinct silos) that declare a silo dead. Default: 2 (fewer when fewer
    /// silos can vote).</summary>
    public int VotesToDeclareDead { get; set; } = 2;

    /// <summary>How long a suspicion vote counts. Default: 1 min.</summary>
    public TimeSpan SuspicionVoteExpiration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many peers each silo probes. Default: 3.</summary>
    public int ProbedSilos { get; set; } = 3;

    /// <summary>How often a silo writes its heartbeat. Default: 2 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A joining silo declares dead an unreachable member whose heartbeat is older than this (a cluster restarted
    /// after a crash has nobody left to vote). Default: 30 s.</summary>
    public TimeSpan StaleHeartbeatAge { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a silo reads the membership table (changes are also pushed at once). Default: 1 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a joining silo may wait to reach every active silo before it gives up. Default: 30 s.</summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows of dead silos are removed after this long. Default: 1 h.</summary>
    public TimeSpan DeadSiloCleanupAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long opening a connection to another silo may take. Default: 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest frame accepted; a bigger one closes the connection. Default: 16 MiB.</summary>
    public int MaxFrameBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Frames queued per peer before senders wait (back-pressure). Default: 10,000.</summary>
    public int OutgoingQueueCapacity { get; set; } = 10_000;

    /// <summary>How often a request that reached a silo that does not own its grain is passed on. Default: 2.</summary>
    public int MaxForwardCount { get; set; } = 2;

    /// <summary>How often a call that was refused without running (ring moving) is sent again. Default: 5.</summary>
    public int MaxResendCount { get; set; } = 5;
}
