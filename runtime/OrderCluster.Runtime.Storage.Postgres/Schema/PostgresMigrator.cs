using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrderCluster.Runtime.Storage.Postgres.Schema;

/// <summary>
/// Creates the schema and applies the migrations it lacks, in one transaction under a transaction-scoped advisory
/// lock: silos starting together wait for each other, and the second finds nothing left to do.
/// </summary>
internal sealed class PostgresMigrator(PostgresDatabase database, ILogger logger, TimeProvider timeProvider)
{
    public async Task MigrateAsync(IReadOnlyList<PostgresMigration> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", cancellationToken, PostgresDatabase.Parameter(LockKey(database.Schema)));
        await ExecuteAsync(connection, database.Sql("CREATE SCHEMA IF NOT EXISTS {schema}"), cancellationToken);
        await ExecuteAsync(connection, database.Sql(
            """
            CREATE TABLE IF NOT EXISTS {schema}.schema_migrations (
                id integer PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL
            )
            """), cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand(database.Sql("SELECT id FROM {schema}.schema_migrations"), connection))
        {
            command.CommandTimeout = database.CommandTimeoutSeconds;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
        }

        var newlyApplied = new List<PostgresMigration>();
        foreach (var migration in migrations.OrderBy(m => m.Id))
        {
            if (applied.Contains(migration.Id)) continue;
            await ExecuteAsync(connection, database.Sql(migration.Sql), cancellationToken);
            await ExecuteAsync(connection, database.Sql("INSERT INTO {schema}.schema_migrations (id, description, applied_at) VALUES ($1, $2, $3)"),
                cancellationToken, PostgresDatabase.Parameter(migration.Id), PostgresDatabase.Parameter(migration.Description),
                PostgresDatabase.Parameter(timeProvider.GetUtcNow().UtcDateTime));
            newlyApplied.Add(migration);
        }

        await transaction.CommitAsync(cancellationToken);

        // Logged only once the changes are durable.
        foreach (var migration in newlyApplied) PostgresLog.MigrationApplied(logger, migration.Id, migration.Description, database.Schema);
        if (newlyApplied.Count == 0 && migrations.Count > 0) PostgresLog.SchemaUpToDate(logger, database.Schema, migrations.Max(m => m.Id));
    }

    /// <summary>The advisory lock key of a schema's migrations: a stable 64-bit FNV-1a hash of its name.</summary>
    internal static long LockKey(string schema)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("ordercluster.migrations:" + schema))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = database.CommandTimeoutSeconds;
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
