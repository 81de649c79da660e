using Microsoft.Extensions.Configuration;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Dashboard.Tests.Grains;
using OrderCluster.Testing.Cluster;

namespace OrderCluster.Dashboard.Tests.Browser;

/// <summary>A 2-silo TestCluster (loopback TCP, PostgreSQL) whose silos also listen for HTTP and serve the dashboard with two accounts.</summary>
public sealed class DashboardCluster : IAsyncLifetime
{
    public const string Viewer = "sre";
    public const string ViewerPassword = "viewer-pass-1";
    public const string Operator = "ops";
    public const string OperatorPassword = "operator-pass-2";

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The first silo's HTTP address: the browser always talks to it.</summary>
    public Uri BaseAddress => Cluster.Silos[0].HttpAddress!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Dashboard:Users:{Viewer}"] = ViewerPassword,
            [$"Dashboard:Users:{Operator}"] = PasswordVerifier.Hash(OperatorPassword, iterations: 10_000),
            ["Dashboard:OperatorUsers:0"] = Operator,
            ["Dashboard:PeerTimeout"] = "00:00:00.500",
            ["Streams:MaxDeliveryAttempts"] = "2",
            ["Streams:RetryBackoff"] = "00:00:00.100",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Cluster = await TestCluster.StartAsync(2, o =>
        {
            o.GrainAssemblies.Add(typeof(ProfileGrain).Assembly);
            o.JsonResolvers.Add(ProfileJsonContext.Default);
            o.GrainAssemblies.Add(typeof(TestGrains.PoisonConsumerGrain).Assembly); // a stream consumer that dead-letters on demand
            o.JsonResolvers.Add(TestGrains.TestGrainsJsonContext.Default);
            foreach (var (key, value) in settings) o.Configuration[key] = value;
            o.ListenHttp = true;
            o.ConfigureServices = services => services.AddDashboard(configuration);
            o.ConfigureApp = app => app.MapDashboard();
        });
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
