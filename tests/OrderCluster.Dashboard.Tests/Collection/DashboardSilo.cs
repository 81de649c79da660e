using Microsoft.Extensions.Configuration;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Dashboard.Tests.Grains;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Dashboard.Tests.Collection;

/// <summary>One in-memory silo with the test grains, with or without the dashboard's collection.</summary>
internal static class DashboardSilo
{
    public static Task<TestSilo> StartAsync(bool withDashboard, Dictionary<string, string?>? settings = null) =>
        TestSilo.StartAsync(o =>
        {
            o.GrainAssemblies.Add(typeof(ProfileGrain).Assembly);
            o.JsonResolvers.Add(ProfileJsonContext.Default);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
            if (withDashboard) o.ConfigureServices = services => services.AddDashboard(configuration);
        });
}
