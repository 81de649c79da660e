using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite storage provider.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores grain state, durable timers and streams in the SQLite file <c>data/ordercluster.db</c> under the working directory
    /// (see <see cref="SqliteStorageOptions.DefaultConnectionString"/>).
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null) =>
        services.AddSqliteStorage(SqliteStorageOptions.DefaultConnectionString, configure);

    /// <summary>
    /// Stores grain state, durable timers and streams in a SQLite file: one store instance serves as
    /// <see cref="IGrainStateStore"/>, <see cref="IDurableTimerStore"/> and <see cref="IStreamStore"/> (replacing any
    /// provider registered before).
    /// The file, its directory and the schema are created by <see cref="IGrainStateStore.InitializeAsync"/>.
    /// Settings are validated on start; a bad one fails with its name.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string connectionString,
        Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);

        services.AddOptions<SqliteStorageOptions>()
            .Configure(options =>
            {
                options.ConnectionString = connectionString;
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());

        services.TryAddSingleton(sp => new SqliteGrainStore(
            sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.RemoveAll<IGrainStateStore>();
        services.RemoveAll<IDurableTimerStore>();
        services.RemoveAll<IStreamStore>();
        services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<SqliteGrainStore>());
        services.AddSingleton<IDurableTimerStore>(sp => sp.GetRequiredService<SqliteGrainStore>());
        services.AddSingleton<IStreamStore>(sp => sp.GetRequiredService<SqliteGrainStore>().Streams);
        // Read models (order search) keep their tables in the same file and write through the same writer.
        services.TryAddSingleton(sp => new SqliteReadModelDatabase(sp.GetRequiredService<SqliteGrainStore>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
