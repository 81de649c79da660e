using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderCluster.GrainInterfaces.Search;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Runtime.Storage.Sqlite;

namespace OrderCluster.Grains.Search;

public static class OrderSearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the order search read model (<see cref="IOrderSearchStore"/>) on the storage provider that holds grain state:
    /// PostgreSQL or SQLite (tables created on first use, in the same database), else in memory. The projection grain
    /// registers with the runtime's <c>AddGrains</c> like every grain.
    /// </summary>
    public static IServiceCollection AddOrderSearch(this IServiceCollection services)
    {
        services.TryAddSingleton<IOrderSearchStore>(sp =>
        {
            var grainState = sp.GetService<IGrainStateStore>();
            var loggers = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            IOrderSearchStore store = grainState is null ? new MemoryOrderSearchStore()
                : sp.GetService<PostgresReadModelDatabase>() is { } postgres && postgres.Backs(grainState) ? new PostgresOrderSearchStore(postgres)
                : sp.GetService<SqliteReadModelDatabase>() is { } sqlite && sqlite.Backs(grainState) ? new SqliteOrderSearchStore(sqlite)
                : new MemoryOrderSearchStore();
            OrderSearchLog.ProviderChosen(loggers.CreateLogger<MeasuredOrderSearchStore>(), store.GetType().Name);
            return new MeasuredOrderSearchStore(store, loggers.CreateLogger<MeasuredOrderSearchStore>());
        });
        return services;
    }
}
