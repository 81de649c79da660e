using Microsoft.Extensions.Configuration;
using OrderCluster.GrainInterfaces;
using OrderCluster.Grains;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Grains.Tests;

/// <summary>Test silos hosting the domain grains and their services (<see cref="DomainServiceCollectionExtensions.AddOrderDomain"/>).</summary>
public static class DomainTestSilo
{
    public static Task<TestSilo> StartAsync(Action<TestSiloOptions>? configure = null) => TestSilo.StartAsync(o =>
    {
        AddDomainGrains(o);
        configure?.Invoke(o);
    });

    /// <summary>
    /// Adds the domain grains; their services read <see cref="TestSiloOptions.Configuration"/> as it is when the silo
    /// starts, so settings made after this call count too.
    /// </summary>
    public static void AddDomainGrains(TestSiloOptions options)
    {
        options.GrainAssemblies.Add(typeof(GrainInterfacesJsonContext).Assembly);
        options.GrainAssemblies.Add(typeof(GrainsJsonContext).Assembly);
        options.JsonResolvers.Add(GrainInterfacesJsonContext.Default);
        options.JsonResolvers.Add(GrainsJsonContext.Default);
        options.JsonResolvers.Add(GrainInterfaces.Analytics.AnalyticsContractsJsonContext.Default);
        options.JsonResolvers.Add(OrderCluster.Grains.Analytics.AnalyticsJsonContext.Default);
        var previous = options.ConfigureServices;
        options.ConfigureServices = services =>
        {
            previous?.Invoke(services);
            services.AddOrderDomain(new ConfigurationBuilder().AddInMemoryCollection(options.Configuration).Build());
        };
    }
}
