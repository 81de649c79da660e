using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Runtime.Storage.Postgres.Membership;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL storage provider.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores grain state, durable timers and streams in PostgreSQL: one store instance serves as
    /// <see cref="IGrainStateStore"/>, <see cref="IDurableTimerStore"/> and <see cref="IStreamStore"/> (replacing any
    /// provider registered before), and owns its connection pool. The schema is created or migrated by <see cref="IGrainStateStore.InitializeAsync"/>.
    /// Settings are validated on start; a bad one fails with its name.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString,
        Action<PostgresStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);

        services.AddOptions<PostgresStorageOptions>()
            .Configure(options =>
            {
                options.ConnectionString = connectionString;
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());

        services.TryAddSingleton(sp => new PostgresGrainStore(
            sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.RemoveAll<IGrainStateStore>();
        services.RemoveAll<IDurableTimerStore>();
        services.RemoveAll<IStreamStore>();
        services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<PostgresGrainStore>());
        services.AddSingleton<IDurableTimerStore>(sp => sp.GetRequiredService<PostgresGrainStore>());
        services.AddSingleton<IStreamStore>(sp => sp.GetRequiredService<PostgresGrainStore>().Streams);
        // Read models (order search) keep their tables in the same database, through the same pool.
        services.TryAddSingleton(sp => new PostgresReadModelDatabase(sp.GetRequiredService<PostgresGrainStore>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        // Cluster membership lives in the same database (the table a cluster's silos share).
        services.RemoveAll<IMembershipTable>();
        services.AddSingleton<IMembershipTable>(sp => new PostgresMembershipTable(sp.GetRequiredService<PostgresGrainStore>().Database));
        return services;
    }
}
