namespace OrderCluster.Silo.Hosting;

/// <summary>Where grain state and durable timers live (configuration section <c>Storage</c>).</summary>
public sealed class SiloStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default, embedded, a file under ./data), <c>Postgres</c> (cluster mode) or <c>Memory</c> (nothing persists).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The provider's connection string. Default for SQLite: <c>Data Source=data/ordercluster.db</c>. Required for Postgres.</summary>
    public string? ConnectionString { get; set; }
}
