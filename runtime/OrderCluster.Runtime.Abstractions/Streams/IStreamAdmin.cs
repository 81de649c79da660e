namespace OrderCluster.Runtime;

/// <summary>Operating streams: consumer groups, their lag, dead letters, replay and explicit subscriptions.</summary>
public interface IStreamAdmin
{
    /// <summary>Every consumer group: implicit ones (a grain class per namespace) and explicit subscriptions.</summary>
    Task<IReadOnlyList<StreamGroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default);

    /// <summary>Per partition and group: the head, the committed cursor and the lag in events.</summary>
    Task<IReadOnlyList<StreamLag>> GetLagAsync(CancellationToken cancellationToken = default);

    /// <summary>How many dead letters each consumer group holds.</summary>
    Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeadLetterInfo>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken = default);

    /// <summary>Delivers a dead letter to its consumer again; removes it when the consumer accepts it.</summary>
    Task<RedriveResult> RedriveAsync(long deadLetterId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a dead letter without delivering it.</summary>
    Task<bool> DiscardAsync(long deadLetterId, CancellationToken cancellationToken = default);

    /// <summary>Moves a group back (or forward) so its consumers receive events again from that point (to rebuild a projection).</summary>
    Task ResetGroupAsync(string group, StreamReset reset, CancellationToken cancellationToken = default);

    /// <summary>Subscribes consumer grain <paramref name="consumer"/> to a namespace (one key when given); the id names its group.</summary>
    Task SubscribeAsync(string id, string streamNamespace, string? streamKey, GrainId consumer, CancellationToken cancellationToken = default);

    Task<bool> UnsubscribeAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>Where a reset puts a consumer group: the start, the first event at or after a time, or one stream's sequence number.</summary>
public sealed record StreamReset(DateTimeOffset? FromTime = null, StreamId? Stream = null, long? FromSequence = null)
{
    public static StreamReset FromStart { get; } = new();
}

public sealed record StreamGroupInfo(string Group, string Kind, string Namespace, string? StreamKey, string Consumer);

public sealed record StreamLag(string Group, int Partition, long Head, long Cursor)
{
    public long Events => Math.Max(0, Head - Cursor);
}

public sealed record DeadLetterInfo(long Id, string Group, StreamId Stream, long Sequence, string EventType, string PayloadJson,
    DateTimeOffset CreatedAt, string Error, int Attempts, DateTimeOffset FailedAt);

public sealed record RedriveResult(bool Delivered, string? Error);
