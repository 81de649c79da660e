using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Runtime.Storage.Sqlite;

namespace OrderCluster.Testing.Silos;

/// <summary>Adds the storage provider a test silo asked for.</summary>
internal static class TestStorageProviders
{
    public static void Add(IServiceCollection services, TestSiloOptions options)
    {
        switch (options.Storage)
        {
            case TestStorage.Memory:
                break;
            case TestStorage.Sqlite:
                services.AddSqliteStorage(Required(options));
                services.Configure<StateBatchingOptions>(b => b.MaxConcurrentBatches = 1);
                break;
            case TestStorage.Postgres:
                services.AddPostgresStorage(Required(options));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Storage, "unknown test storage");
        }
    }

    private static string Required(TestSiloOptions options) =>
        options.ConnectionString ?? throw new InvalidOperationException($"A {options.Storage} test silo needs a connection string.");
}
