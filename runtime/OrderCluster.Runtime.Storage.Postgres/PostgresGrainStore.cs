using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Storage.Postgres.Schema;
using OrderCluster.Runtime.Storage.Postgres.State;
using OrderCluster.Runtime.Storage.Postgres.Streams;
using OrderCluster.Runtime.Storage.Postgres.Timers;

namespace OrderCluster.Runtime.Storage.Postgres;

/// <summary>
/// Grain state, durable timers and streams in PostgreSQL (cluster mode: every silo shares the database). Owns its
/// connection pool. Stream events are appended by <see cref="CommitAsync"/>, in the transaction of their grain's state.
/// Errors surface to the caller, which decides whether to retry; a failed call has applied nothing.
/// </summary>
internal sealed class PostgresGrainStore : IGrainStateStore, IDurableTimerStore, IStreamStore, IAsyncDisposable, IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresMigrator _migrator;
    private readonly PostgresStateCommands _state;
    private readonly PostgresTimerCommands _timers;
    private readonly PostgresStreamCommands _streams;

    public PostgresGrainStore(PostgresStorageOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        var logger = loggerFactory.CreateLogger<PostgresGrainStore>();
        _database = new PostgresDatabase(options, loggerFactory);
        _migrator = new PostgresMigrator(_database, logger, timeProvider);
        _state = new PostgresStateCommands(_database, logger, timeProvider, options.SlowCommitThreshold);
        _timers = new PostgresTimerCommands(_database, logger);
        _streams = new PostgresStreamCommands(_database);
    }

    /// <summary>The connection pool and schema, for tests that inspect the database.</summary>
    internal PostgresDatabase Database => _database;

    /// <summary>The timer statements, for tests that inspect their plans.</summary>
    internal PostgresTimerCommands Timers => _timers;

    /// <summary>The stream statements, for tests that inspect their plans.</summary>
    internal PostgresStreamCommands Streams => _streams;

    public Task InitializeAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(PostgresMigrations.All, cancellationToken);

    public Task<StoredGrainState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        _state.ReadAsync(grainId, stateName, cancellationToken);

    public Task<IReadOnlyList<GrainWriteResult>> CommitAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken) =>
        _state.CommitAsync(writes, cancellationToken);

    public Task<IReadOnlyList<DurableTimerRecord>> ClaimDueAsync(DateTimeOffset dueBefore, IReadOnlyList<HashRange> ranges,
        string leaseOwner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) =>
        _timers.ClaimDueAsync(dueBefore, ranges, leaseOwner, now, leaseUntil, limit, cancellationToken);

    public Task AcknowledgeAsync(IReadOnlyList<TimerAcknowledgement> acknowledgements, CancellationToken cancellationToken) =>
        _timers.AcknowledgeAsync(acknowledgements, cancellationToken);

    public Task DeferAsync(IReadOnlyList<TimerAcknowledgement> timers, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        _timers.DeferAsync(timers, retryAt, cancellationToken);

    public Task ReleaseLeasesAsync(string? leaseOwner, CancellationToken cancellationToken) =>
        _timers.ReleaseLeasesAsync(leaseOwner, cancellationToken);

    public Task<IReadOnlyList<DurableTimerRecord>> ListAsync(GrainId grainId, CancellationToken cancellationToken) =>
        _timers.ListAsync(grainId, cancellationToken);

    public Task<DurableTimerStats> GetStatsAsync(CancellationToken cancellationToken) => _timers.GetStatsAsync(cancellationToken);

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(int partition, long afterPosition, IReadOnlyCollection<string>? namespaces,
        string? streamKey, int limit, CancellationToken cancellationToken) =>
        _streams.ReadAsync(partition, afterPosition, namespaces, streamKey, limit, cancellationToken);

    public Task<IReadOnlyDictionary<int, long>> ReadHeadsAsync(CancellationToken cancellationToken) => _streams.ReadHeadsAsync(cancellationToken);

    public Task<IReadOnlyDictionary<int, long>> ReadCursorsAsync(string group, CancellationToken cancellationToken) =>
        _streams.ReadCursorsAsync(group, cancellationToken);

    public Task SaveCursorsAsync(string group, IReadOnlyDictionary<int, long> positions, CancellationToken cancellationToken) =>
        _streams.SaveCursorsAsync(group, positions, cancellationToken);

    public Task<IReadOnlyDictionary<int, long>> PositionsBeforeAsync(DateTimeOffset time, CancellationToken cancellationToken) =>
        _streams.PositionsBeforeAsync(time, cancellationToken);

    public Task<(int Partition, long Position)?> FindAsync(StreamId stream, long sequence, CancellationToken cancellationToken) =>
        _streams.FindAsync(stream, sequence, cancellationToken);

    public Task<long> AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken) =>
        _streams.AddDeadLetterAsync(deadLetter, cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string? group, int limit, CancellationToken cancellationToken) =>
        _streams.ListDeadLettersAsync(group, limit, cancellationToken);

    public Task<DeadLetter?> GetDeadLetterAsync(long id, CancellationToken cancellationToken) => _streams.GetDeadLetterAsync(id, cancellationToken);

    public Task<bool> DeleteDeadLetterAsync(long id, CancellationToken cancellationToken) => _streams.DeleteDeadLetterAsync(id, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountDeadLettersAsync(CancellationToken cancellationToken) =>
        _streams.CountDeadLettersAsync(cancellationToken);

    public Task SaveSubscriptionAsync(StreamSubscriptionRecord subscription, CancellationToken cancellationToken) =>
        _streams.SaveSubscriptionAsync(subscription, cancellationToken);

    public Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken) => _streams.DeleteSubscriptionAsync(id, cancellationToken);

    public Task<IReadOnlyList<StreamSubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken) =>
        _streams.ListSubscriptionsAsync(cancellationToken);

    public Task<int> DeleteDeliveredAsync(int partition, long upToPosition, DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
        _streams.DeleteDeliveredAsync(partition, upToPosition, createdBefore, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>For containers disposed synchronously.</summary>
    public void Dispose() => _database.DataSource.Dispose();
}
