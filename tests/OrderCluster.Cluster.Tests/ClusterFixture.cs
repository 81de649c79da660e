namespace OrderCluster.Cluster.Tests;

/// <summary>Test clusters hosting the runtime's test grains.</summary>
public static class TestClusters
{
    public static Task<TestCluster> StartAsync(int silos, Action<TestClusterOptions>? configure = null) => TestCluster.StartAsync(silos, o =>
    {
        o.GrainAssemblies.Add(typeof(ICounterGrain).Assembly);
        o.JsonResolvers.Add(TestGrainsJsonContext.Default);
        o.ConfigureServices = services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<LifecycleJournal>(services);
        configure?.Invoke(o);
    });
}
