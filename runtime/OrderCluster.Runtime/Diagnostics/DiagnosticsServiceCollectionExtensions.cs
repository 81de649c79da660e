using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Grains;
using OrderCluster.Runtime.Placement;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>
    /// The runtime's diagnostics for the dashboard: the recent-calls log (off until <see cref="RecentCallLogOptions.Capacity"/> is set),
    /// metric readings, grain descriptions, the cluster's members and history, and stream diagnostics ("not enabled" until the
    /// stream runtime replaces it). Called by the runtime; idempotent.
    /// </summary>
    public static IServiceCollection AddRuntimeDiagnostics(this IServiceCollection services)
    {
        services.AddOptions<RecentCallLogOptions>();
        services.TryAddSingleton<RecentCallLog>();
        services.TryAddSingleton<MetricsReader>();
        services.TryAddSingleton(sp => new GrainDiagnostics(sp.GetRequiredService<Catalog>(), sp.GetRequiredService<GrainTypeRegistry>(),
            sp.GetRequiredService<IClusterView>(), sp.GetRequiredService<IGrainStateStore>(), sp.GetRequiredService<IDurableTimerStore>(),
            sp.GetRequiredService<RecentCallLog>()));
        services.TryAddSingleton<IClusterDiagnostics, StandaloneClusterDiagnostics>();
        services.TryAddSingleton<IStreamDiagnostics, StreamsNotEnabledDiagnostics>();
        return services;
    }
}
