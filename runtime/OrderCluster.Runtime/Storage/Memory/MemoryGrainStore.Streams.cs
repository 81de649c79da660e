namespace OrderCluster.Runtime.Storage.Memory;

/// <summary>The stream part of the in-memory store: the reference semantics of <see cref="IStreamStore"/>.</summary>
public sealed partial class MemoryGrainStore
{
    private readonly Dictionary<int, List<StoredStreamEvent>> _partitions = [];
    private readonly Dictionary<int, long> _heads = [];
    private readonly Dictionary<StreamId, long> _streamHeads = [];
    private readonly Dictionary<(string Group, int Partition), long> _cursors = [];
    private readonly SortedDictionary<long, DeadLetter> _deadLetters = [];
    private readonly Dictionary<string, StreamSubscriptionRecord> _subscriptions = [];
    private long _nextDeadLetter;

    // Called under _lock by Apply, after the write's state change succeeded.
    private List<long>? AppendEvents(IReadOnlyList<StreamAppend> events)
    {
        if (events.Count == 0) return null;
        var sequences = new List<long>(events.Count);
        foreach (var e in events)
        {
            var sequence = _streamHeads[e.Stream] = _streamHeads.GetValueOrDefault(e.Stream) + 1;
            var position = _heads[e.Partition] = _heads.GetValueOrDefault(e.Partition) + 1;
            if (!_partitions.TryGetValue(e.Partition, out var list)) _partitions[e.Partition] = list = [];
            list.Add(new StoredStreamEvent(e.Partition, position, e.Stream, sequence, e.EventType, e.PayloadJson, e.CreatedAt));
            sequences.Add(sequence);
        }

        return sequences;
    }

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(int partition, long afterPosition, IReadOnlyCollection<string>? namespaces,
        string? streamKey, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredStreamEvent> events = _partitions.TryGetValue(partition, out var list)
                ? list.Where(e => e.Position > afterPosition && (namespaces is null || namespaces.Contains(e.Stream.Namespace))
                                  && (streamKey is null || e.Stream.Key == streamKey))
                    .Take(limit).ToList()
                : [];
            return Task.FromResult(events);
        }
    }

    public Task<IReadOnlyDictionary<int, long>> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyDictionary<int, long>>(new Dictionary<int, long>(_heads));
    }

    public Task<IReadOnlyDictionary<int, long>> ReadCursorsAsync(string group, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<int, long>>(_cursors.Where(c => c.Key.Group == group)
                .ToDictionary(c => c.Key.Partition, c => c.Value));
        }
    }

    public Task SaveCursorsAsync(string group, IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken)
    {
        lock (_lock)
            foreach (var (partition, position) in positions)
                _cursors[(group, partition)] = position;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<int, long>> PositionsBeforeAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<int, long>>(_partitions.ToDictionary(p => p.Key,
                p => p.Value.Where(e => e.CreatedAt < time).Select(e => e.Position).DefaultIfEmpty(0).Max()));
        }
    }

    public Task<(int Partition, long Position)?> FindAsync(StreamId stream, long sequence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var found = _partitions.Values.SelectMany(p => p).FirstOrDefault(e => e.Stream == stream && e.Sequence == sequence);
            return Task.FromResult<(int, long)?>(found is null ? null : (found.Partition, found.Position));
        }
    }

    public Task<long> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var id = ++_nextDeadLetter;
            _deadLetters[id] = deadLetter with { Id = id };
            return Task.FromResult(id);
        }
    }

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<DeadLetter>>(_deadLetters.Values.Where(d => group is null || d.Group == group).Take(limit).ToList());
    }

    public Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_deadLetters.GetValueOrDefault(id));
    }

    public Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_deadLetters.Remove(id));
    }

    public Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyDictionary<string, long>>(_deadLetters.Values.GroupBy(d => d.Group)
                .ToDictionary(g => g.Key, g => (long)g.Count()));
    }

    public Task SaveSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        lock (_lock) _subscriptions[subscription.Id] = subscription;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult(_subscriptions.Remove(id));
    }

    public Task<IReadOnlyList<StreamSubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<StreamSubscriptionRecord>>(_subscriptions.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList());
    }

    public Task<int> DeleteDeliveredAsync(int partition, long upToPosition, DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_partitions.TryGetValue(partition, out var list)) return Task.FromResult(0);
            return Task.FromResult(list.RemoveAll(e => e.Position <= upToPosition && e.CreatedAt < createdBefore));
        }
    }
}
