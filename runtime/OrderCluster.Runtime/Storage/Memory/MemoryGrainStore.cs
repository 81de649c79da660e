namespace OrderCluster.Runtime.Storage.Memory;

/// <summary>
/// In-memory grain state and durable timers, for unit tests only: nothing survives the process.
/// It is the reference for the semantics every provider must have (the conformance suite runs on it too).
/// </summary>
public sealed partial class MemoryGrainStore : IGrainStateStore, IDurableTimerStore, IStreamStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId, string), StoredGrainState> _states = [];
    private readonly Dictionary<(GrainId, string), TimerRow> _timers = [];
    private long _nextTimerVersion;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<StoredGrainState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_states.TryGetValue((grainId, stateName), out var state)
                ? state with { Payload = state.Payload?.ToArray() }
                : null);
        }
    }

    public Task<IReadOnlyList<GrainWriteResult>> CommitAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        var results = new GrainWriteResult[writes.Count];
        lock (_lock)
        {
            for (var i = 0; i < writes.Count; i++) results[i] = Apply(writes[i]);
        }

        return Task.FromResult<IReadOnlyList<GrainWriteResult>>(results);
    }

    private GrainWriteResult Apply(GrainWrite write)
    {
        long? version = null;
        if (write.State is { } change)
        {
            var key = (write.GrainId, change.StateName);
            var stored = _states.GetValueOrDefault(key)?.Version ?? 0;
            if (stored != change.ExpectedVersion) return GrainWriteResult.Conflict(stored);
            version = stored + 1;
            _states[key] = new StoredGrainState(change.Payload?.ToArray(), version.Value);
        }

        foreach (var timer in write.Timers)
        {
            var key = (write.GrainId, timer.Name);
            if (timer is TimerUpsert upsert)
                _timers[key] = new TimerRow(write.GrainId.GetUniformHash(), upsert.DueAt, upsert.Period, ++_nextTimerVersion, null, null);
            else
                _timers.Remove(key);
        }

        return GrainWriteResult.Success(version ?? 0, AppendEvents(write.Events));
    }

    public Task<IReadOnlyList<DurableTimerRecord>> ClaimDueAsync(DateTimeOffset dueBefore, IReadOnlyList<HashRange> ranges,
        string leaseOwner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var claimed = _timers
                .Where(t => t.Value.DueAt <= dueBefore && (t.Value.LeaseUntil is null || t.Value.LeaseUntil <= now)
                            && ranges.Any(r => r.Contains(t.Value.Hash)))
                .OrderBy(t => t.Value.DueAt).Take(limit).ToList();
            foreach (var (key, row) in claimed) _timers[key] = row with { LeaseOwner = leaseOwner, LeaseUntil = leaseUntil };
            return Task.FromResult<IReadOnlyList<DurableTimerRecord>>(
                claimed.Select(t => ToRecord(t.Key, t.Value)).ToList());
        }
    }

    public Task AcknowledgeAsync(IReadOnlyList<TimerAcknowledgement> acknowledgements, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var ack in acknowledgements)
            {
                var key = (ack.GrainId, ack.Name);
                if (!_timers.TryGetValue(key, out var row) || row.Version != ack.Version) continue;
                if (ack.NextDueAt is { } next)
                    _timers[key] = row with { DueAt = next, Version = ++_nextTimerVersion, LeaseOwner = null, LeaseUntil = null };
                else
                    _timers.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeferAsync(IReadOnlyList<TimerAcknowledgement> timers, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var t in timers)
            {
                var key = (t.GrainId, t.Name);
                if (_timers.TryGetValue(key, out var row) && row.Version == t.Version)
                    _timers[key] = row with { LeaseUntil = retryAt };
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseLeasesAsync(string? leaseOwner, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var (key, row) in _timers.ToList())
                if (row.LeaseOwner is not null && (leaseOwner is null || row.LeaseOwner == leaseOwner))
                    _timers[key] = row with { LeaseOwner = null, LeaseUntil = null };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DurableTimerRecord>> ListAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DurableTimerRecord>>(_timers
                .Where(t => t.Key.Item1 == grainId).OrderBy(t => t.Key.Item2, StringComparer.Ordinal)
                .Select(t => ToRecord(t.Key, t.Value)).ToList());
        }
    }

    public Task<DurableTimerStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(new DurableTimerStats(_timers.Count,
                _timers.Count == 0 ? null : _timers.Values.Min(t => t.DueAt)));
        }
    }

    private static DurableTimerRecord ToRecord((GrainId GrainId, string Name) key, TimerRow row) =>
        new(key.GrainId, key.Name, row.DueAt, row.Period, row.Version);

    private sealed record TimerRow(uint Hash, DateTimeOffset DueAt, TimeSpan? Period, long Version, string? LeaseOwner,
        DateTimeOffset? LeaseUntil);
}
