using OrderCluster.Dashboard.Cluster;
using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Api;

/// <summary>Who is signed in, and what they may do.</summary>
public sealed record MeView(string User, bool CanOperate, string Mode, bool Clustered, string LocalSilo);

/// <summary>The cluster's per-second history, and the silos whose history could not be read.</summary>
public sealed record ClusterHistory(IReadOnlyList<ClusterPoint> Points, IReadOnlyList<string> Unreachable);

/// <summary>An activation of the grain on one silo.</summary>
public sealed record GrainActivationView(string Silo, string SiloName, string Status, int QueueLength);

/// <summary>A finished call of the grain, as the silo running it recorded it.</summary>
public sealed record RecentCallView(string Silo, string Method, DateTimeOffset StartedAt, double DurationMs, string? Error);

/// <summary>What one silo knows locally about a grain: its activation there and the calls it ran there.</summary>
public sealed record LocalGrainReport(string Silo, string SiloName, LocalActivationInfo? Activation, IReadOnlyList<RecentCallView> RecentCalls);

/// <summary>A persistent state of the grain, with sensitive fields redacted.</summary>
public sealed record GrainStateView(string StateName, long Version, string? Json);

/// <summary>A durable timer of the grain.</summary>
public sealed record GrainTimerView(string Name, DateTimeOffset DueAt, double? PeriodSeconds);

/// <summary>Where a grain lives, what it holds, its timers and its recent calls.</summary>
public sealed record GrainLookup(string GrainId, string GrainType, string Key, string? Owner, string? OwnerName, IReadOnlyList<GrainActivationView> Activations,
    IReadOnlyList<GrainStateView> States, IReadOnlyList<GrainTimerView> Timers, IReadOnlyList<RecentCallView> RecentCalls, IReadOnlyList<string> Unreachable);

/// <summary>The silos where a deactivation was started.</summary>
public sealed record DeactivationResult(string GrainId, IReadOnlyList<string> DeactivatedOn);

/// <summary>One silo's answer to a peer deactivation.</summary>
public sealed record PeerDeactivation(bool Deactivated);

/// <summary>The streams page: lag per partition and group, dead letters (payloads redacted).</summary>
public sealed record StreamsView(bool Enabled, IReadOnlyList<StreamPartitionLag> Lag, IReadOnlyDictionary<string, long> DeadLetterCounts,
    IReadOnlyList<StreamDeadLetter> DeadLetters, string? Note);
