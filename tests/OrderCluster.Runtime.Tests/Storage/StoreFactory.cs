using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>Opens provider stores the way a silo does: through their registration extensions.</summary>
internal static class StoreFactory
{
    public static TestStore OpenPostgres(string connectionString, string schema)
    {
        // A bounded pool per store: many stores (one per test) share one test server.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 40 }.ConnectionString;
        return Open(new ServiceCollection().AddPostgresStorage(pooled, options => options.Schema = schema));
    }

    public static TestStore OpenSqlite(string path) =>
        Open(new ServiceCollection().AddSqliteStorage($"Data Source={path}"));

    private static TestStore Open(IServiceCollection services)
    {
        var provider = services.AddLogging().BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new TestStore(provider.GetRequiredService<IGrainStateStore>(), provider.GetRequiredService<IDurableTimerStore>(),
            provider.GetRequiredService<IStreamStore>(), provider);
    }
}
