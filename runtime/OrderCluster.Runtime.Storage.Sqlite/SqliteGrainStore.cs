using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Storage.Sqlite.Schema;
using OrderCluster.Runtime.Storage.Sqlite.State;
using OrderCluster.Runtime.Storage.Sqlite.Streams;
using OrderCluster.Runtime.Storage.Sqlite.Timers;

namespace OrderCluster.Runtime.Storage.Sqlite;

/// <summary>
/// Grain state, durable timers and streams in one SQLite file (the embedded default: one silo, nothing to install).
/// Stream events are appended by <see cref="CommitAsync"/>, in the transaction of their grain's state. WAL mode: reads
/// run beside the single writer. Errors surface to the caller; a failed call has applied nothing.
/// </summary>
internal sealed class SqliteGrainStore : IGrainStateStore, IDurableTimerStore, IStreamStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteMigrator _migrator;
    private readonly SqliteStateCommands _state;
    private readonly SqliteTimerCommands _timers;
    private readonly SqliteStreamCommands _streams;

    public SqliteGrainStore(SqliteStorageOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        var logger = loggerFactory.CreateLogger<SqliteGrainStore>();
        _database = new SqliteDatabase(options, logger);
        _migrator = new SqliteMigrator(_database, logger, timeProvider);
        _state = new SqliteStateCommands(_database, logger, timeProvider, options.SlowCommitThreshold);
        _timers = new SqliteTimerCommands(_database);
        _streams = new SqliteStreamCommands(_database);
    }

    /// <summary>The connections, for tests that inspect the database.</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>Creates the file (and its directory) if missing, switches it to WAL mode and applies missing migrations.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _migrator.MigrateAsync(SqliteMigrations.All, cancellationToken);

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

    public void Dispose() => _database.Dispose();
}
