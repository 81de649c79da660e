using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace OrderCluster.Runtime.Storage.Postgres;

/// <summary>
/// The connection pool and the schema-qualified names every command uses. Commands run on pooled connections
/// and batches run in one implicit transaction, so a failure rolls back and never leaves a connection inside an
/// open transaction; Npgsql discards connections that broke.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    public PostgresDatabase(PostgresStorageOptions options, ILoggerFactory loggerFactory)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!SetsAutoPrepare(options.ConnectionString)) connection.MaxAutoPrepare = options.MaxAutoPrepare;
        var builder = new NpgsqlDataSourceBuilder(connection.ConnectionString);
        builder.UseLoggerFactory(loggerFactory);
        DataSource = builder.Build();
        Schema = options.Schema;
        QuotedSchema = $"\"{options.Schema}\"";
        CommandTimeoutSeconds = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema name (validated: lower-case letters, digits and underscores).</summary>
    public string Schema { get; }

    /// <summary>The schema as a quoted identifier, for SQL text.</summary>
    public string QuotedSchema { get; }

    public int CommandTimeoutSeconds { get; }

    public NpgsqlCommand CreateCommand(string sql)
    {
        var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = CommandTimeoutSeconds;
        return command;
    }

    public NpgsqlBatch CreateBatch()
    {
        var batch = DataSource.CreateBatch();
        batch.Timeout = CommandTimeoutSeconds;
        return batch;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>Replaces <c>{schema}</c> in <paramref name="sql"/> with the quoted schema name.</summary>
    public string Sql(string sql) => sql.Replace("{schema}", QuotedSchema, StringComparison.Ordinal);

    public static NpgsqlParameter Parameter<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };

    public static NpgsqlParameter Parameter<T>(T value, NpgsqlDbType type) => new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type };

    /// <summary>
    /// Whether the connection string sets automatic preparation itself. Npgsql's own builder answers ContainsKey for
    /// every keyword it knows, so the generic builder tells what the string actually says.
    /// </summary>
    private static bool SetsAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare");
    }

    /// <summary>timestamptz only takes UTC values; the runtime's times may carry any offset.</summary>
    public static DateTime Utc(DateTimeOffset value) => value.UtcDateTime;

    /// <summary>A nullable UTC time as a timestamptz array element.</summary>
    public static DateTime? Utc(DateTimeOffset? value) => value?.UtcDateTime;

    /// <summary>
    /// A timestamptz[] parameter whose elements may be null. The type is explicit: left to inference, Npgsql takes the
    /// element type from the first element, and a leading null makes it timestamp without time zone, which then
    /// rejects the UTC values after it ("not possible to mix DateTimes with different Kinds in an array").
    /// </summary>
    public static NpgsqlParameter TimestampTzArray(DateTime?[] utcValues) =>
        Parameter(utcValues, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
}
