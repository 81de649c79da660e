using Microsoft.Extensions.Options;
using OrderCluster.Api.Hosting;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.GrainInterfaces;
using OrderCluster.Grains;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Silo.Demo;

namespace OrderCluster.Silo.Hosting;

/// <summary>Everything a silo hosts (runtime, grains, listeners, dashboard, metrics access), registered in one place.</summary>
internal static class SiloBuilderExtensions
{
    public static WebApplicationBuilder AddOrderClusterSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOrderClusterRuntime(runtime => runtime
            .AddGrains(typeof(GrainInterfacesJsonContext).Assembly)
            .AddGrains(typeof(GrainsJsonContext).Assembly)
            .AddJsonTypeInfoResolver(GrainInterfacesJsonContext.Default)
            .AddJsonTypeInfoResolver(GrainsJsonContext.Default)
            .AddJsonTypeInfoResolver(OrderCluster.GrainInterfaces.Analytics.AnalyticsContractsJsonContext.Default)
            .AddJsonTypeInfoResolver(OrderCluster.Grains.Analytics.AnalyticsJsonContext.Default)
            .AddGrains(ApiServiceCollectionExtensions.GrainAssembly)
            .AddJsonTypeInfoResolver(ApiServiceCollectionExtensions.GrainJson)
            .AddSiloStorage(builder.Configuration));

        builder.Services.AddOrderDomain(builder.Configuration);
        OrderCluster.Grains.Analytics.AnalyticsServiceCollectionExtensions.AddOrderAnalytics(builder.Services, builder.Configuration);
        AddListeners(builder);
        builder.Services.AddDashboard(builder.Configuration);
        builder.Services.AddOrderClusterApi(builder.Configuration);
        builder.AddDemo(); // --demo: a seeded demo tenant and a live order stream (silo/Demo)
        builder.Services.AddOptions<MetricsAccessOptions>().BindConfiguration(MetricsAccessOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MetricsAccessOptions>, MetricsAccessValidation>();
        // Problem details and the HTTP JSON contracts (GrainInterfacesJsonContext first) come with AddOrderClusterApi.

        // Give the runtime's drain its full time before the host gives up.
        var drain = builder.Configuration.GetValue<TimeSpan?>("Runtime:ShutdownDrainTimeout") ?? new RuntimeOptions().ShutdownDrainTimeout;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = drain + TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>The default HTTP address when neither --urls nor ASPNETCORE_URLS says otherwise.</summary>
    public const string DefaultUrls = "http://localhost:5080";

    /// <summary>
    /// HTTP on the configured URLs; in cluster mode (PostgreSQL storage) also the silo port and cluster membership.
    /// Kestrel ignores the urls setting once any endpoint is configured in code, so HTTP is bound here explicitly.
    /// </summary>
    private static void AddListeners(WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : DefaultUrls;
        var clustered = SiloStorageRegistration.IsClustered(builder.Configuration);
        var siloPort = builder.Configuration.GetValue<int?>("Cluster:SiloPort") ?? new ClusterOptions().SiloPort;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenOnUrls(urls);
            if (clustered) kestrel.ListenForSilos(siloPort);
        });
        if (clustered) builder.Services.AddOrderClusterClustering();
    }
}
