using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Storage.Sqlite.Schema;

/// <summary>
/// Applies the migrations a database lacks, all in one write transaction: the write lock serialises stores (and
/// processes) opening the same file at once, and the later ones find nothing left to do.
/// </summary>
internal sealed class SqliteMigrator(SqliteDatabase database, ILogger logger, TimeProvider timeProvider)
{
    private const string CreateMigrationsTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)";

    public async Task MigrateAsync(IReadOnlyList<SqliteMigration> migrations, CancellationToken cancellationToken)
    {
        var applied = await database.WriteAsync(transaction =>
        {
            transaction.Execute(CreateMigrationsTable);
            var done = new HashSet<long>();
            using (var reader = transaction.Query("SELECT id FROM schema_migrations"))
            {
                while (reader.Read()) done.Add(reader.GetInt64(0));
            }

            var newlyApplied = new List<SqliteMigration>();
            foreach (var migration in migrations.OrderBy(m => m.Id))
            {
                if (done.Contains(migration.Id)) continue;
                transaction.ExecuteScript(migration.Sql);
                transaction.Execute("INSERT INTO schema_migrations (id, description, applied_at) VALUES ($id, $description, $at)",
                    migration.Id, migration.Description, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                newlyApplied.Add(migration);
            }

            return newlyApplied;
        }, cancellationToken);

        foreach (var migration in applied) SqliteLog.MigrationApplied(logger, migration.Id, migration.Description, database.FilePath);
    }
}
