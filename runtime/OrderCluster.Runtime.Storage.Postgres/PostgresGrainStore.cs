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
internal sealed class PostgresGrainStore : IGrainStateStore, IDurableTimerStore, IAsyncDisposable, IDisposable
{
    private readonly PostgresDatabase _database;
    private readonly PostgresMigrator _migrator;
    private readonly PostgresStateCommands _state;
    private readonly PostgresTimerCommands _timers;

    public PostgresGrainStore(PostgresStorageOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        var logger = loggerFactory.CreateLogger<PostgresGrainStore>();
        _database = new PostgresDatabase(options, loggerFactory);
        _migrator = new PostgresMigrator(_database, logger, timeProvider);
        _state = new PostgresStateCommands(_database, logger, timeProvider, options.SlowCommitThreshold);
        _timers = new PostgresTimerCommands(_database, logger);
        Streams = new PostgresStreamCommands(_database);
    }

    /// <summary>The connection pool and schema, for tests that inspect the database.</summary>
    internal PostgresDatabase Database => _database;

    /// <summary>The timer statements, for tests that inspect their plans.</summary>
    internal PostgresTimerCommands Timers => _timers;

    /// <summary>The stream store over the same database (registered as <see cref="IStreamStore"/>).</summary>
    internal PostgresStreamCommands Streams { get; }

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

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>For containers disposed synchronously.</summary>
    public void Dispose() => _database.DataSource.Dispose();
}
