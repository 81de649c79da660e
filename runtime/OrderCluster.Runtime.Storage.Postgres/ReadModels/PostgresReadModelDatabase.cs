using Npgsql;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Storage.Postgres.Schema;

namespace OrderCluster.Runtime.Storage.Postgres;

/// <summary>
/// What a read model (a projection the domain keeps in its own tables, such as order search) gets from the PostgreSQL
/// provider: the provider's connection pool and schema, and its migrator. Read-model migrations number from 1000 up, so
/// they never collide with the runtime's own; they are applied by the read model on first use, after the runtime's.
/// </summary>
public sealed class PostgresReadModelDatabase
{
    private readonly PostgresGrainStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    internal PostgresReadModelDatabase(PostgresGrainStore store, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _store = store;
        _logger = loggerFactory.CreateLogger<PostgresReadModelDatabase>();
        _timeProvider = timeProvider;
    }

    /// <summary>The lowest id a read-model migration may take.</summary>
    public const int FirstReadModelMigrationId = 1000;

    public NpgsqlDataSource DataSource => _store.Database.DataSource;

    public int CommandTimeoutSeconds => _store.Database.CommandTimeoutSeconds;

    /// <summary>Whether this provider is the one the runtime stores grain state in (another may have been registered first and replaced).</summary>
    public bool Backs(IGrainStateStore store) => ReferenceEquals(store, _store);

    /// <summary>Replaces <c>{schema}</c> in <paramref name="sql"/> with the quoted schema name.</summary>
    public string Sql(string sql) => _store.Database.Sql(sql);

    public NpgsqlCommand CreateCommand(string sql) => _store.Database.CreateCommand(Sql(sql));

    public NpgsqlBatch CreateBatch() => _store.Database.CreateBatch();

    /// <summary>Applies the migrations (id, description, SQL with <c>{schema}</c>) the database lacks, like the runtime's own.</summary>
    public Task MigrateAsync(IEnumerable<(int Id, string Description, string Sql)> migrations, CancellationToken cancellationToken)
    {
        var list = migrations.Select(m => m.Id < FirstReadModelMigrationId
            ? throw new ArgumentOutOfRangeException(nameof(migrations), $"Read-model migration ids start at {FirstReadModelMigrationId} (was {m.Id}).")
            : new PostgresMigration(m.Id, m.Description, m.Sql)).ToList();
        return new PostgresMigrator(_store.Database, _logger, _timeProvider).MigrateAsync(list, cancellationToken);
    }
}
