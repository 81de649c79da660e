using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Storage.Sqlite.Schema;
using OrderCluster.Runtime.Storage.Sqlite.State;
using OrderCluster.Runtime.Storage.Sqlite.Streams;
using OrderCluster.Runtime.Storage.Sqlite.Timers;

namespace OrderCluster.Runtime.Storage.Sqlite;

/// <summary>
/// Grain state, durable timers and streams in one SQLite file (the embedded default: one silo, nothing to install).
/// Stream events are appended by <see cref="CommitAsync"/>, in the transaction of their grain's state; <see cref="Streams"/> reads
/// them and keeps cursors (the provider's <see cref="IStreamStore"/>). WAL mode: reads
/// run beside the single writer. Errors surface to the caller; a failed call has applied nothing.
/// </summary>
internal sealed class SqliteGrainStore : IGrainStateStore, IDurableTimerStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteMigrator _migrator;
    private readonly SqliteStateCommands _state;
    private readonly SqliteTimerCommands _timers;

    public SqliteGrainStore(SqliteStorageOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        var logger = loggerFactory.CreateLogger<SqliteGrainStore>();
        _database = new SqliteDatabase(options, logger);
        _migrator = new SqliteMigrator(_database, logger, timeProvider);
        _state = new SqliteStateCommands(_database, logger, timeProvider, options.SlowCommitThreshold);
        _timers = new SqliteTimerCommands(_database);
        Streams = new SqliteStreamCommands(_database);
    }

    /// <summary>The stream store over the same database (registered as <see cref="IStreamStore"/>).</summary>
    internal SqliteStreamCommands Streams { get; }

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

    public void Dispose() => _database.Dispose();
}
