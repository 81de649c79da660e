using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace OrderCluster.Runtime.Storage.Postgres;

/// <summary>
/// The connection pool and the schema-qualified names every command uses. Commands run on pooled connections
/// and batches run in one implicit transaction, so a failure rolls back and never leaves a connection inside an
/// open transaction; Npgsql discards connections that broke. Unless the connection string says otherwise, statements
/// are prepared automatically (<see cref="PostgresStorageOptions.MaxAutoPrepare"/>), pooled connections are not reset
/// between uses, and sessions start with the planner settings of <see cref="IndexPlanSettings"/>.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>
    /// The planner settings of the store's sessions with <see cref="PostgresStorageOptions.PreferIndexPlans"/>. Every
    /// statement the store runs often is a primary-key or due-index lookup; a generic plan prepared while a table was
    /// nearly empty (a new cluster) would otherwise scan it whole (a sequential scan, or a full index scan feeding a merge
    /// join) for as long as the plan is cached. With those two off the planner looks rows up by key. Hash joins stay
    /// allowed: they join the statements' own parameter rows, and the planner offers a whole table to a hash join only
    /// through a sequential scan.
    /// </summary>
    internal const string IndexPlanSettings = "-c enable_seqscan=off -c enable_mergejoin=off";

    public PostgresDatabase(PostgresStorageOptions options, ILoggerFactory loggerFactory)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        if (!Sets(given, "Max Auto Prepare", "MaxAutoPrepare")) connection.MaxAutoPrepare = options.MaxAutoPrepare;
        // The store changes no session state (no SET, no temporary tables, only transaction-scoped advisory locks), so
        // resetting a pooled connection (a DISCARD or RESET ALL before the next use) would be a wasted statement per call.
        if (!Sets(given, "No Reset On Close", "NoResetOnClose")) connection.NoResetOnClose = true;
        // Startup options outlive RESET ALL; ones the connection string gives come later, so they win.
        if (options.PreferIndexPlans) connection.Options = string.Join(' ', IndexPlanSettings, connection.Options).TrimEnd();
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
    /// Whether the connection string sets a keyword itself. Npgsql's own builder answers ContainsKey for every keyword it
    /// knows, so the generic builder (<paramref name="given"/>) tells what the string actually says.
    /// </summary>
    private static bool Sets(DbConnectionStringBuilder given, params string[] keywords) => keywords.Any(given.ContainsKey);

    /// <summary>timestamptz only takes UTC values; the runtime's times may carry any offset.</summary>
    public static DateTime Utc(DateTimeOffset value) => value.UtcDateTime;

    /// <summary>
    /// A stream time as stored: UTC, truncated to whole milliseconds (as SQLite stores it), so both providers keep exactly
    /// the same times.
    /// </summary>
    public static DateTime Milliseconds(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond));
    }

    /// <summary>
    /// An exclusive upper bound on stored (whole-millisecond) times: stored &lt; the result exactly when stored &lt;
    /// <paramref name="value"/>. Rounds up to the next millisecond, so a bound between two milliseconds keeps its meaning.
    /// </summary>
    public static DateTime MillisecondBound(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var rest = utc.Ticks % TimeSpan.TicksPerMillisecond;
        return rest == 0 ? utc : utc.AddTicks(TimeSpan.TicksPerMillisecond - rest);
    }

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
