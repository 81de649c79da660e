namespace OrderCluster.Runtime.Storage.Sqlite;

/// <summary>Settings of the SQLite grain state and durable timer store (the embedded, single-silo default).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The database file used when no connection string is given: <c>data/ordercluster.db</c> under the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=data/ordercluster.db";

    /// <summary>
    /// The Microsoft.Data.Sqlite connection string. Default <see cref="DefaultConnectionString"/>. A relative path is
    /// resolved against the working directory; missing directories are created on start.
    /// </summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>
    /// When commits reach the disk. Default <see cref="SqliteSynchronousMode.Normal"/>: in WAL mode a commit survives a
    /// crash of the process, but the last commits before a power loss or an operating-system crash can be lost (the
    /// database itself stays consistent). <see cref="SqliteSynchronousMode.Full"/> syncs the log on every commit, so
    /// nothing committed is lost, at the cost of one disk flush per commit batch.
    /// </summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>
    /// How long a connection waits for a lock held by another connection (another process on the same file, or a
    /// checkpoint) before it fails. Default 5 seconds; zero fails at once.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one command may run, including waits for locks. Default 30 seconds; whole seconds, at least 1.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A commit batch that takes longer than this is logged as a warning. Default 1 second; zero logs every batch.</summary>
    public TimeSpan SlowCommitThreshold { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>SQLite's <c>synchronous</c> setting for the store's writer connection.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Sync at checkpoints only: durable across process crashes, not across power loss.</summary>
    Normal,

    /// <summary>Sync the write-ahead log at every commit: durable across power loss.</summary>
    Full,
}
