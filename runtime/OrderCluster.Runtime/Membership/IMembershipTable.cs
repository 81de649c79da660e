using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Membership;

/// <summary>A member's status in the cluster.</summary>
public enum MemberStatus
{
    /// <summary>Started; checking it can reach the active silos before it takes grains.</summary>
    Joining,

    /// <summary>On the ring: owns grains and timers.</summary>
    Active,

    /// <summary>Draining after SIGTERM: off the ring, finishing its work.</summary>
    ShuttingDown,

    /// <summary>Gone (left, or voted dead). A silo that reads itself dead stops.</summary>
    Dead,
}

/// <summary>A suspicion that <c>By</c> could not reach a silo, at a time (votes expire).</summary>
public sealed record SuspicionVote(SiloAddress By, DateTimeOffset At);

/// <summary>One row of the membership table: one run of one silo.</summary>
/// <param name="InstanceId">The silo's <see cref="Hosting.SiloIdentity.InstanceId"/> (the owner of its timer leases).</param>
/// <param name="HttpAddress">Where its HTTP API listens (for the dashboard).</param>
public sealed record MembershipEntry(
    SiloAddress Silo,
    MemberStatus Status,
    string InstanceId,
    string SiloName,
    string? HttpAddress,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    IReadOnlyList<SuspicionVote> Suspicions);

/// <summary>The table as read at one version.</summary>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<MembershipEntry> Entries)
{
    public MembershipEntry? Find(SiloAddress silo) => Entries.FirstOrDefault(e => e.Silo.Equals(silo));
}

/// <summary>
/// The membership table of a cluster: one row per silo run and a version. Every change of a row is a
/// compare-and-swap on the version (a silo changes the table only in the state it read), so concurrent
/// decisions (two silos declaring a third dead) never overwrite each other. Heartbeats bypass the version.
/// </summary>
public interface IMembershipTable
{
    /// <summary>The rows of cluster <paramref name="cluster"/> and the table version.</summary>
    Task<MembershipSnapshot> ReadAsync(string cluster, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces <paramref name="entry"/> (keyed by its silo address and generation) if the table is still at
    /// <paramref name="expectedVersion"/>, and moves the table to the next version. False when another change came first.
    /// </summary>
    Task<bool> TryWriteAsync(string cluster, MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="silo"/> is alive at <paramref name="at"/> (no version change; the time never moves back).</summary>
    Task HeartbeatAsync(string cluster, SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes the rows of silos dead since before <paramref name="deadBefore"/> (by heartbeat); returns how many.</summary>
    Task<int> CleanupAsync(string cluster, DateTimeOffset deadBefore, CancellationToken cancellationToken);
}
