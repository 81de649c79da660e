using OrderCluster.GrainInterfaces;
using OrderCluster.Grains;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Grains.Tests;

/// <summary>Test silos hosting the domain grains.</summary>
public static class DomainTestSilo
{
    public static Task<TestSilo> StartAsync(Action<TestSiloOptions>? configure = null) => TestSilo.StartAsync(o =>
    {
        AddDomainGrains(o);
        configure?.Invoke(o);
    });

    public static void AddDomainGrains(TestSiloOptions options)
    {
        options.GrainAssemblies.Add(typeof(GrainInterfacesJsonContext).Assembly);
        options.GrainAssemblies.Add(typeof(GrainsJsonContext).Assembly);
        options.JsonResolvers.Add(GrainInterfacesJsonContext.Default);
        options.JsonResolvers.Add(GrainsJsonContext.Default);
    }
}
