using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Testing.Cluster;

/// <summary>
/// N silos in one process, each with its own host and container, talking over real loopback TCP and sharing a real
/// PostgreSQL database (membership, state, timers). Silos can be started, stopped gracefully and killed abruptly
/// (connections dropped, nothing said to the cluster); <see cref="WaitForStableMembershipAsync"/> waits until every
/// live silo sees exactly the live silos.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly string _clusterName;
    private readonly List<TestClusterSilo> _silos = [];
    private int _started;

    private TestCluster(TestClusterOptions options, string connectionString)
    {
        _options = options;
        ConnectionString = connectionString;
        _clusterName = options.ClusterName ?? "test-" + Guid.NewGuid().ToString("N")[..10];
    }

    public string ConnectionString { get; }

    /// <summary>The silos that are alive, in start order.</summary>
    public IReadOnlyList<TestClusterSilo> Silos
    {
        get
        {
            lock (_silos) return _silos.Where(s => s.IsAlive).ToList();
        }
    }

    /// <summary>The grain factory of the first live silo.</summary>
    public IGrainFactory Grains => Silos[0].Grains;

    public static async Task<TestCluster> StartAsync(int silos, Action<TestClusterOptions>? configure = null)
    {
        var options = new TestClusterOptions();
        configure?.Invoke(options);
        var connectionString = options.ConnectionString ?? await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var cluster = new TestCluster(options, connectionString);
        // One at a time: each joins an already stable cluster, as a rolling start would.
        for (var i = 0; i < silos; i++) await cluster.StartSiloAsync();
        await cluster.WaitForStableMembershipAsync();
        return cluster;
    }

    public async Task<TestClusterSilo> StartSiloAsync()
    {
        var name = $"silo{Interlocked.Increment(ref _started)}";
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Name"] = _clusterName,
            ["Cluster:SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        });
        builder.Configuration.AddInMemoryCollection(_options.Configuration);
        var httpPort = _options.ListenHttp ? FreePort() : 0;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenForSilos(port);
            if (httpPort > 0) kestrel.Listen(IPAddress.Loopback, httpPort);
        });
        builder.Services.AddSingleton(new SiloIdentity(name));
        builder.Services.AddOrderClusterRuntime(runtime =>
        {
            foreach (var assembly in _options.GrainAssemblies) runtime.AddGrains(assembly);
            foreach (var resolver in _options.JsonResolvers) runtime.AddJsonTypeInfoResolver(resolver);
        });
        builder.Services.AddPostgresStorage(ConnectionString);
        builder.Services.AddOrderClusterClustering();
        _options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        _options.ConfigureApp?.Invoke(app);
        await app.StartAsync();
        var silo = new TestClusterSilo(app, name) { HttpAddress = httpPort > 0 ? new Uri($"http://127.0.0.1:{httpPort}") : null };
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    /// <summary>Graceful stop: drain, deactivate, leave the cluster.</summary>
    public async Task StopSiloAsync(TestClusterSilo silo)
    {
        silo.IsAlive = false;
        await silo.App.StopAsync();
        await silo.App.DisposeAsync();
    }

    /// <summary>Abrupt death: every connection drops at once, nothing more is written; the cluster must notice by itself.</summary>
    public async Task KillSiloAsync(TestClusterSilo silo)
    {
        silo.IsAlive = false;
        silo.KillConnections();
        await silo.Agent.DisposeAsync(); // its membership loops stop without a word to the table
        await silo.App.DisposeAsync();   // no graceful stop: services are torn down as in a crash
    }

    /// <summary>Waits until every live silo has exactly the live silos on its ring.</summary>
    public async Task WaitForStableMembershipAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var live = Silos;
            var expected = live.Select(s => s.Address).Order().ToList();
            if (live.All(s => s.RingSilos.SequenceEqual(expected))) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Membership did not settle: " + string.Join("; ",
                    live.Select(s => $"{s.Name} sees [{string.Join(", ", s.RingSilos)}]")) + $"; live: [{string.Join(", ", expected)}]");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            try
            {
                await KillSiloAsync(silo);
            }
            catch (Exception)
            {
                // tearing down a test: a silo that fails to dispose must not hide the test's own result
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
