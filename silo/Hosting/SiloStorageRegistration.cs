using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Runtime.Storage.Sqlite;

namespace OrderCluster.Silo.Hosting;

/// <summary>Registers the storage provider named by <c>Storage:Provider</c>.</summary>
internal static class SiloStorageRegistration
{
    public const string DefaultSqliteConnectionString = "Data Source=data/ordercluster.db";

    /// <summary>A silo on PostgreSQL is a cluster member (the membership table lives there); otherwise it runs alone.</summary>
    public static bool IsClustered(IConfiguration configuration) =>
        (configuration[$"{SiloStorageOptions.SectionName}:Provider"] ?? "Sqlite").Trim().ToLowerInvariant() is "postgres" or "postgresql";

    public static void AddSiloStorage(this RuntimeBuilder runtime, IConfiguration configuration)
    {
        var options = configuration.GetSection(SiloStorageOptions.SectionName).Get<SiloStorageOptions>() ?? new SiloStorageOptions();
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                runtime.Services.AddSqliteStorage(options.ConnectionString ?? DefaultSqliteConnectionString);
                runtime.Services.Configure<StateBatchingOptions>(b => b.MaxConcurrentBatches = 1); // one writer
                break;
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                    throw new OptionsValidationException(SiloStorageOptions.SectionName, typeof(SiloStorageOptions),
                        ["Storage:ConnectionString is required when Storage:Provider is Postgres."]);
                runtime.Services.AddPostgresStorage(options.ConnectionString);
                break;
            case "memory":
                runtime.UseInMemoryStorage();
                break;
            default:
                throw new OptionsValidationException(SiloStorageOptions.SectionName, typeof(SiloStorageOptions),
                    [$"Storage:Provider must be Sqlite, Postgres or Memory (was '{options.Provider}')."]);
        }
    }
}
