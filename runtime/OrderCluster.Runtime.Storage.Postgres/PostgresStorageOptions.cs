namespace OrderCluster.Runtime.Storage.Postgres;

/// <summary>Settings of the PostgreSQL grain state and durable timer store.</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>The schema used when <see cref="Schema"/> is not set.</summary>
    public const string DefaultSchema = "ordercluster";

    /// <summary>
    /// The Npgsql connection string. No default: <c>AddPostgresStorage</c> sets it. Pooling settings
    /// (for example <c>Maximum Pool Size</c>, default 100) are read from it. The store's pool does not reset connections
    /// between uses (<c>No Reset On Close=true</c>, as the store changes no session state) unless the string sets
    /// <c>No Reset On Close</c> itself.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The schema that holds the tables, created and migrated on start. Default <c>ordercluster</c>.
    /// 1 to 63 lower-case letters, digits and underscores, starting with a letter or underscore.
    /// Several clusters can share one database by using different schemas.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>How long one command or batch may run before it fails. Default 30 seconds; whole seconds, at least 1.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A commit batch that takes longer than this is logged as a warning. Default 1 second; zero logs every batch.</summary>
    public TimeSpan SlowCommitThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many statements Npgsql prepares automatically per connection, used when the connection string does not set
    /// <c>Max Auto Prepare</c> itself. Default 32: the store runs a handful of statements over and over, and prepared
    /// ones skip parsing and planning. 0 turns automatic preparation off.
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 32;

    /// <summary>
    /// Whether the store's connections start with sequential scans and merge joins disabled for the planner (startup
    /// options <c>-c enable_seqscan=off -c enable_mergejoin=off</c>, before any <c>Options</c> the connection string
    /// gives). Default true. Every frequent statement of the store is an index lookup; without this, a prepared statement
    /// whose generic plan was made while a table was nearly empty (a new cluster) keeps scanning the whole table after it
    /// has grown, until the next ANALYZE. Turn it off only behind a connection pooler that rejects startup options.
    /// </summary>
    public bool PreferIndexPlans { get; set; } = true;
}
