using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Runtime.Tests.Infrastructure;

/// <summary>Test silos hosting the runtime's test grains.</summary>
public static class RuntimeTestSilo
{
    public static Task<TestSilo> StartAsync(Action<TestSiloOptions>? configure = null) => TestSilo.StartAsync(o =>
    {
        AddTestGrains(o);
        configure?.Invoke(o);
    });

    public static void AddTestGrains(TestSiloOptions options)
    {
        options.GrainAssemblies.Add(typeof(ICounterGrain).Assembly);
        options.JsonResolvers.Add(TestGrainsJsonContext.Default);
        var configure = options.ConfigureServices;
        options.ConfigureServices = services =>
        {
            services.AddSingleton<LifecycleJournal>();
            configure?.Invoke(services);
        };
    }
}
