using OrderCluster.GrainInterfaces;
using OrderCluster.Grains;
using OrderCluster.Runtime.Hosting;

namespace OrderCluster.Silo.Hosting;

/// <summary>Everything a silo hosts, registered in one place.</summary>
internal static class SiloBuilderExtensions
{
    public static WebApplicationBuilder AddOrderClusterSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOrderClusterRuntime(runtime => runtime
            .AddGrains(typeof(GrainInterfacesJsonContext).Assembly)
            .AddGrains(typeof(GrainsJsonContext).Assembly)
            .AddJsonTypeInfoResolver(GrainInterfacesJsonContext.Default)
            .AddJsonTypeInfoResolver(GrainsJsonContext.Default)
            .AddSiloStorage(builder.Configuration));

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, GrainInterfacesJsonContext.Default));

        // Give the runtime's drain its full time before the host gives up.
        var drain = builder.Configuration.GetValue<TimeSpan?>("Runtime:ShutdownDrainTimeout") ?? new RuntimeOptions().ShutdownDrainTimeout;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = drain + TimeSpan.FromSeconds(10));
        return builder;
    }
}
