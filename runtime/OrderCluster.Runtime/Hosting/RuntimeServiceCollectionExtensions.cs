using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Grains;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Messaging;
using OrderCluster.Runtime.Observability;
using OrderCluster.Runtime.Placement;
using OrderCluster.Runtime.State;
using OrderCluster.Runtime.Timers;

namespace OrderCluster.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the virtual-actor runtime to a host: grains, turn-based calls, persistent state, durable timers,
    /// metrics and the silo lifecycle. Storage comes from a provider extension (AddPostgresStorage,
    /// AddSqliteStorage) or <see cref="RuntimeBuilder.UseInMemoryStorage"/>.
    /// </summary>
    public static IServiceCollection AddOrderClusterRuntime(this IServiceCollection services, Action<RuntimeBuilder>? configure = null)
    {
        var builder = new RuntimeBuilder(services);
        configure?.Invoke(builder);
        if (services.Any(d => d.ServiceType == typeof(RuntimeMarker))) return services;
        services.AddSingleton<RuntimeMarker>();

        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName).ValidateOnStart();
        services.AddOptions<StateBatchingOptions>().BindConfiguration(StateBatchingOptions.SectionName).ValidateOnStart();
        services.AddOptions<DurableTimerOptions>().BindConfiguration(DurableTimerOptions.SectionName).ValidateOnStart();
        services.AddOptions<Streams.StreamOptions>().BindConfiguration(Streams.StreamOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StateBatchingOptions>, RuntimeOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTimerOptions>, RuntimeOptionsValidation>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new SiloIdentity());
        services.TryAddSingleton<SiloStatus>();
        services.AddMetrics();
        services.TryAddSingleton<RuntimeMetrics>();
        services.TryAddSingleton(sp => new MetricsCollector(sp.GetRequiredService<IMeterFactory>(),
            ["OrderCluster", "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql"])); // Npgsql: connection pool use

        services.TryAddSingleton<GrainJsonOptions>();
        services.TryAddSingleton<Streams.StreamAppender>();
        services.TryAddSingleton<Streams.StreamMetrics>();
        services.TryAddSingleton<Streams.StreamServices>();
        services.TryAddSingleton<Streams.StreamSubscriptionRegistry>();
        services.TryAddSingleton<IStreamPublisher, Streams.StreamPublisher>();
        services.TryAddSingleton<IStreamAdmin, Streams.StreamAdmin>();
        services.Replace(ServiceDescriptor.Singleton<Diagnostics.IStreamDiagnostics, Streams.StreamDiagnosticsSource>());
        services.TryAddSingleton(sp => new GrainTypeRegistry(BuildManifest(sp)));
        services.TryAddSingleton<CallDeadlines>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<IGrainCallInvoker, GrainCallDispatcher>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
        services.TryAddSingleton<IClusterView, StandaloneClusterView>();
        services.TryAddSingleton<IHashRangeOwnership, RingOwnership>();
        services.TryAddSingleton<MessageRouter>();
        services.AddRuntimeDiagnostics(); // the dashboard's view of the runtime (Diagnostics/)

        AddParticipant<GrainWriteBatcher>(services);
        AddParticipant<CatalogLifecycle>(services);
        AddParticipant<ActivationCollector>(services);
        AddParticipant<CallDeadlineSweeper>(services);
        AddParticipant<DurableTimerService>(services);
        AddParticipant<Streams.StreamPullingService>(services);
        AddParticipant<Streams.StreamRetentionService>(services);
        services.AddHostedService<SiloLifecycleHost>();
        return services;
    }

    /// <summary>Registers <typeparamref name="T"/> once, as itself and as a lifecycle participant.</summary>
    public static IServiceCollection AddParticipant<T>(IServiceCollection services) where T : class, ISiloLifecycleParticipant
    {
        services.TryAddSingleton<T>();
        services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<T>());
        return services;
    }

    private static GrainManifestBuilder BuildManifest(IServiceProvider services)
    {
        var manifest = new GrainManifestBuilder().AddAssembly(typeof(IRemindable).Assembly).AddAssembly(typeof(RuntimeBuilder).Assembly);
        foreach (var assembly in services.GetServices<GrainAssembly>().Select(a => a.Assembly).Distinct())
            manifest.AddAssembly(assembly);
        return manifest;
    }

    private sealed class RuntimeMarker;
}
