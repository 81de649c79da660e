namespace OrderCluster.Runtime.Diagnostics;

/// <summary>
/// What the dashboard's Streams page reads and does. The stream runtime registers its implementation
/// (<c>services.Replace(ServiceDescriptor.Singleton&lt;IStreamDiagnostics, ...&gt;())</c>); until then
/// <see cref="StreamsNotEnabledDiagnostics"/> answers "streams not enabled".
/// </summary>
public interface IStreamDiagnostics
{
    /// <summary>False while the silo runs no stream runtime: the page says so and offers nothing.</summary>
    bool IsEnabled { get; }

    /// <summary>Per consumer group and partition: the partition's head position, the group's committed cursor and the silo pulling it.</summary>
    Task<IReadOnlyList<StreamPartitionLag>> GetLagAsync(CancellationToken cancellationToken);

    /// <summary>Dead letters per consumer group.</summary>
    Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>Dead letters, oldest first, of one group or of all (<paramref name="group"/> null), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StreamDeadLetter>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken);

    /// <summary>Delivers a dead letter to its consumer again; removes it when the consumer accepts it.</summary>
    Task<StreamRedriveOutcome> RedriveAsync(long deadLetterId, CancellationToken cancellationToken);
}

/// <summary>How far consumer group <see cref="Group"/> is behind on one partition.</summary>
/// <param name="Owner">The silo pulling the partition (its address), when known.</param>
public sealed record StreamPartitionLag(string Group, int Partition, long Head, long Cursor, string? Owner)
{
    public long Lag => Math.Max(0, Head - Cursor);
}

/// <summary>An event a consumer group gave up on.</summary>
public sealed record StreamDeadLetter(long Id, string Group, string Stream, long Sequence, string EventType, string PayloadJson,
    DateTimeOffset CreatedAt, string Error, int Attempts, DateTimeOffset FailedAt);

/// <summary>The result of a re-drive: <see cref="Found"/> false when no such dead letter exists.</summary>
public sealed record StreamRedriveOutcome(bool Found, bool Delivered, string? Error);

/// <summary>The default: this silo runs no stream runtime.</summary>
public sealed class StreamsNotEnabledDiagnostics : IStreamDiagnostics
{
    public bool IsEnabled => false;

    public Task<IReadOnlyList<StreamPartitionLag>> GetLagAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StreamPartitionLag>>([]);

    public Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());

    public Task<IReadOnlyList<StreamDeadLetter>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StreamDeadLetter>>([]);

    public Task<StreamRedriveOutcome> RedriveAsync(long deadLetterId, CancellationToken cancellationToken) =>
        Task.FromResult(new StreamRedriveOutcome(false, false, "Streams are not enabled on this silo."));
}
