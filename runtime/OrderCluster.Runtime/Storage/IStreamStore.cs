namespace OrderCluster.Runtime.Storage;

/// <summary>
/// The stream side of storage. Events are appended through <see cref="IGrainStateStore.CommitAsync"/> (with their
/// grain's state, in one transaction); this interface reads partitions and keeps what consumers need: a cursor per
/// consumer group and partition, dead letters, explicit subscriptions, and retention. Every hot query is an index
/// lookup or range scan.
/// </summary>
public interface IStreamStore
{
    /// <summary>
    /// Up to <paramref name="limit"/> events of <paramref name="partition"/> after <paramref name="afterPosition"/>, in
    /// position order, of the namespaces given (all when null) and, when <paramref name="streamKey"/> is given, of that key only.
    /// </summary>
    Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(int partition, long afterPosition, IReadOnlyCollection<string>? namespaces,
        string? streamKey, int limit, CancellationToken cancellationToken);

    /// <summary>The last position of every partition that has one (0 when nothing was appended).</summary>
    Task<IReadOnlyDictionary<int, long>> ReadHeadsAsync(CancellationToken cancellationToken);

    /// <summary>The committed cursor (last handled position) of <paramref name="group"/> per partition; absent means 0.</summary>
    Task<IReadOnlyDictionary<int, long>> ReadCursorsAsync(string group, CancellationToken cancellationToken);

    /// <summary>Sets cursors of <paramref name="group"/> (upsert per partition).</summary>
    Task SaveCursorsAsync(string group, IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken);

    /// <summary>The last position of each partition holding an event created before <paramref name="time"/> (0 when none).</summary>
    Task<IReadOnlyDictionary<int, long>> PositionsBeforeAsync(DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Where event <paramref name="sequence"/> of <paramref name="stream"/> sits, or null when it is not stored.</summary>
    Task<(int Partition, long Position)?> FindAsync(StreamId stream, long sequence, CancellationToken cancellationToken);

    Task<long> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Dead letters, oldest first, of one group or of all (<paramref name="group"/> null).</summary>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken);

    Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken);

    Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken);

    /// <summary>How many dead letters each group has.</summary>
    Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces an explicit subscription.</summary>
    Task SaveSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken);

    Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<StreamSubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes events of <paramref name="partition"/> at or before <paramref name="upToPosition"/> (everything
    /// every group has handled) created before <paramref name="createdBefore"/>; returns how many.
    /// </summary>
    Task<int> DeleteDeliveredAsync(int partition, long upToPosition, DateTimeOffset createdBefore, CancellationToken cancellationToken);
}

/// <summary>A stored event: where it sits (partition, position), its stream and sequence, and what it says.</summary>
public sealed record StoredStreamEvent(int Partition, long Position, StreamId Stream, long Sequence, string EventType,
    string PayloadJson, DateTimeOffset CreatedAt);

/// <summary>An event a consumer group gave up on after repeated failures (Id 0 until stored).</summary>
public sealed record DeadLetter(long Id, string Group, StoredStreamEvent Event, string Error, int Attempts, DateTimeOffset FailedAt);

/// <summary>
/// An explicit subscription: events of <see cref="Namespace"/> (and of one key when <see cref="StreamKey"/> is set)
/// go to the consumer grain <see cref="Consumer"/>; <see cref="Id"/> is also its consumer group.
/// </summary>
public sealed record StreamSubscriptionRecord(string Id, string Namespace, string? StreamKey, GrainId Consumer, DateTimeOffset CreatedAt);
