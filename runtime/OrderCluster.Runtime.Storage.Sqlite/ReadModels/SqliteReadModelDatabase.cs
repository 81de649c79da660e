using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Storage.Sqlite.Schema;

namespace OrderCluster.Runtime.Storage.Sqlite;

/// <summary>
/// What a read model (a projection the domain keeps in its own tables, such as order search) gets from the SQLite
/// provider: pooled reader connections, the one writer (SQLite has a single writer, so read models write through the
/// provider's, in its queue) and the migrator. Read-model migrations number from 1000 up, so they never collide with
/// the runtime's own; they are applied by the read model on first use, after the runtime created the file.
/// </summary>
public sealed class SqliteReadModelDatabase
{
    private readonly SqliteGrainStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    internal SqliteReadModelDatabase(SqliteGrainStore store, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        _store = store;
        _logger = loggerFactory.CreateLogger<SqliteReadModelDatabase>();
        _timeProvider = timeProvider;
    }

    /// <summary>The lowest id a read-model migration may take.</summary>
    public const int FirstReadModelMigrationId = 1000;

    /// <summary>Whether this provider is the one the runtime stores grain state in (another may have been registered first and replaced).</summary>
    public bool Backs(IGrainStateStore store) => ReferenceEquals(store, _store);

    /// <summary>A pooled connection for reads. Dispose it to return it to the pool.</summary>
    public SqliteConnection OpenReader() => _store.Database.OpenReader();

    /// <summary>Runs <paramref name="work"/> in a write transaction of the provider's writer and commits it (rolled back if it throws).</summary>
    public Task<T> WriteAsync<T>(Func<SqliteReadModelWrite, T> work, CancellationToken cancellationToken) =>
        _store.Database.WriteAsync(transaction => work(new SqliteReadModelWrite(transaction)), cancellationToken);

    /// <summary>Applies the migrations the database lacks, like the runtime's own.</summary>
    public Task MigrateAsync(IEnumerable<(int Id, string Description, string Sql)> migrations, CancellationToken cancellationToken)
    {
        var list = migrations.Select(m => m.Id < FirstReadModelMigrationId
            ? throw new ArgumentOutOfRangeException(nameof(migrations), $"Read-model migration ids start at {FirstReadModelMigrationId} (was {m.Id}).")
            : new SqliteMigration(m.Id, m.Description, m.Sql)).ToList();
        return new SqliteMigrator(_store.Database, _logger, _timeProvider).MigrateAsync(list, cancellationToken);
    }
}

/// <summary>A read model's write transaction: statements with <c>$name</c> parameters bound in order of first appearance, prepared once.</summary>
public readonly struct SqliteReadModelWrite
{
    private readonly SqliteWriteTransaction _transaction;

    internal SqliteReadModelWrite(SqliteWriteTransaction transaction) => _transaction = transaction;

    /// <summary>Runs a statement; returns the number of changed rows.</summary>
    public int Execute(string sql, params object?[] values) => _transaction.Execute(sql, values);

    /// <summary>Runs a query and returns the first column of its first row (null when none).</summary>
    public object? Scalar(string sql, params object?[] values) => _transaction.Scalar(sql, values);
}
