using OrderCluster.Dashboard.Collection;

namespace OrderCluster.Dashboard.Cluster;

/// <summary>One second of the whole cluster: calls and errors per second, latency quantiles (seconds), activations.</summary>
public sealed record ClusterPoint(long T, double Calls, double Errors, double P50, double P99, long Activations);

/// <summary>A member as this silo sees it, with its report when it answered.</summary>
/// <param name="Reachability"><c>ok</c>, <c>unreachable</c> (did not answer in time), <c>dead</c> (not asked), <c>no-http</c> (no address).</param>
public sealed record SiloView(string Silo, string Name, string Status, long Generation, string? HttpAddress, DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt, IReadOnlyList<string> Suspicions, bool IsLocal, string Reachability, string? Error, SiloReport? Report);

/// <summary>Cluster totals of the last second.</summary>
public sealed record ClusterTotals(int Silos, int ActiveSilos, long Activations, double CallsPerSecond, double ErrorsPerSecond, double ErrorRate,
    double P50, double P99);

/// <summary>A grain method over the figures window, across the cluster.</summary>
public sealed record MethodSummary(string GrainType, string Method, long Calls, long Errors, double CallsPerSecond, double ErrorRate, double P50, double P99);

/// <summary>A storage operation over the figures window, across the cluster.</summary>
public sealed record StorageSummary(string Operation, long Count, long Errors, double P50, double P99, double BatchP50, double BatchP99, long[] BatchSizes);

/// <summary>A connection pool of one silo.</summary>
public sealed record PoolView(string Silo, string Pool, long Idle, long Used, long Max, long Pending);

/// <summary>Durable timers across the cluster.</summary>
/// <param name="Pending">Registered timers (from the store, refreshed every TimerStatsInterval); null until first read.</param>
/// <param name="Lateness">Lateness bucket counts over the window; <paramref name="LatenessSinceStart"/> since the silos started.</param>
public sealed record TimerSummary(long? Pending, DateTimeOffset? NextDueAt, DateTimeOffset? StatsAt, long InFlight, long TicksOk, long TicksFailed,
    double LatenessP50, double LatenessP99, long[] Lateness, long[] LatenessSinceStart, string OverdueList);

/// <summary>A membership change as this silo saw it.</summary>
public sealed record MembershipEventView(DateTimeOffset At, string Silo, string SiloName, string Kind, string Detail);

/// <summary>Everything the live page shows, built at most once a second on the silo serving the page.</summary>
public sealed record ClusterSnapshot(
    DateTimeOffset At,
    bool Clustered,
    string LocalSilo,
    double WindowSeconds,
    double[] LatencyBounds,
    double[] CountBounds,
    ClusterPoint Point,
    ClusterTotals Totals,
    IReadOnlyList<SiloView> Silos,
    IReadOnlyList<MethodSummary> Methods,
    IReadOnlyDictionary<string, Dictionary<string, long>> ActivationsByType,
    IReadOnlyList<StorageSummary> Storage,
    IReadOnlyList<PoolView> Pools,
    TimerSummary Timers,
    IReadOnlyList<MembershipEventView> Membership);
