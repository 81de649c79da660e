namespace OrderCluster.Runtime.Storage;

/// <summary>
/// The due-time index of durable timers (registered through <see cref="IGrainStateStore.CommitAsync"/>).
/// Only due timers are ever read: pending ones cost an index entry and nothing else.
/// </summary>
public interface IDurableTimerStore
{
    /// <summary>
    /// Leases up to <paramref name="limit"/> timers due at or before <paramref name="dueBefore"/> whose
    /// grain hash falls in <paramref name="ranges"/> and that are not leased (or whose lease ended before
    /// <paramref name="now"/>), earliest first. A leased timer is not claimed again until
    /// <paramref name="leaseUntil"/>, so one silo delivers it while the lease lasts.
    /// </summary>
    Task<IReadOnlyList<DurableTimerRecord>> ClaimDueAsync(DateTimeOffset dueBefore, IReadOnlyList<HashRange> ranges,
        string leaseOwner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Settles delivered ticks, each only if the timer still has the version that was claimed (a timer the
    /// grain moved meanwhile is left alone): a null <see cref="TimerAcknowledgement.NextDueAt"/> deletes it,
    /// otherwise it moves to that time with a new version and no lease.
    /// </summary>
    Task AcknowledgeAsync(IReadOnlyList<TimerAcknowledgement> acknowledgements, CancellationToken cancellationToken);

    /// <summary>Keeps a failed tick leased until <paramref name="retryAt"/> (its due time is unchanged), if its version still matches.</summary>
    Task DeferAsync(IReadOnlyList<TimerAcknowledgement> timers, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Drops the leases held by <paramref name="leaseOwner"/> (all leases when null), so their timers can be claimed at once.</summary>
    Task ReleaseLeasesAsync(string? leaseOwner, CancellationToken cancellationToken);

    /// <summary>The timers of one grain.</summary>
    Task<IReadOnlyList<DurableTimerRecord>> ListAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>How many timers are registered, and the earliest due time.</summary>
    Task<DurableTimerStats> GetStatsAsync(CancellationToken cancellationToken);
}

/// <summary>A stored durable timer.</summary>
public sealed record DurableTimerRecord(GrainId GrainId, string Name, DateTimeOffset DueAt, TimeSpan? Period, long Version);

/// <summary>Identifies a claimed timer version and where it goes next (null: delete it).</summary>
public readonly record struct TimerAcknowledgement(GrainId GrainId, string Name, long Version, DateTimeOffset? NextDueAt);

/// <summary>Counts for metrics and the dashboard.</summary>
public readonly record struct DurableTimerStats(long Pending, DateTimeOffset? NextDueAt);

/// <summary>An inclusive range of <see cref="GrainId.GetUniformHash"/> values.</summary>
public readonly record struct HashRange(uint Start, uint End)
{
    public static readonly HashRange All = new(0, uint.MaxValue);

    public static readonly IReadOnlyList<HashRange> Everything = [All];

    public bool Contains(uint hash) => hash >= Start && hash <= End;

    /// <summary>
    /// Sorts the ranges and joins overlapping or adjacent ones, dropping empty ones (start after end), so a claim tests
    /// each timer's hash against as few ranges as possible.
    /// </summary>
    public static IReadOnlyList<HashRange> Merge(IReadOnlyList<HashRange> ranges)
    {
        var merged = new List<HashRange>();
        foreach (var range in ranges.Where(r => r.Start <= r.End).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && (ulong)range.Start <= (ulong)merged[^1].End + 1)
            {
                if (range.End > merged[^1].End) merged[^1] = merged[^1] with { End = range.End };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
