using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderCluster.Bench.Runtime;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Bench.Cluster;

/// <summary>A cluster member hosting the bench grains: the bench process itself, or a child started with <c>cluster-silo</c>.</summary>
internal sealed class ClusterBenchSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ClusterBenchSilo(WebApplication app) => _app = app;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public IClusterView View => _app.Services.GetRequiredService<IClusterView>();

    public static async Task<ClusterBenchSilo> StartAsync(string database, string cluster, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Name"] = cluster,
            ["Cluster:SiloPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:AdvertisedAddress"] = "127.0.0.1",
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenForSilos(port));
        builder.Services.AddOrderClusterRuntime(runtime => runtime.AddGrains(typeof(PingGrain).Assembly).AddJsonTypeInfoResolver(BenchJsonContext.Default));
        builder.Services.AddPostgresStorage(database);
        builder.Services.AddOrderClusterClustering();
        var app = builder.Build();
        await app.StartAsync();
        return new ClusterBenchSilo(app);
    }

    /// <summary>Waits until this silo sees <paramref name="count"/> active silos.</summary>
    public async Task WaitForSilosAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (View.Ring.Silos.Count != count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The ring has {View.Ring.Silos.Count} silos, not {count}.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary><c>cluster-silo --database D --cluster N --port P</c>: a child silo for the cluster benchmark (runs until stdin closes).</summary>
internal sealed class ClusterSiloCommand : IBenchmarkSuite
{
    public string Name => "cluster-silo";

    public string Description => "(used by 'cluster') a silo process with the bench grains";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var silo = await ClusterBenchSilo.StartAsync(Arg(args, "--database"), Arg(args, "--cluster"), int.Parse(Arg(args, "--port"),
            System.Globalization.CultureInfo.InvariantCulture));
        Console.WriteLine("READY");
        await Console.In.ReadToEndAsync(cancellationToken); // the parent closes stdin (or kills us)
        await silo.DisposeAsync();
        return 0;
    }

    internal static string Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"missing {name}");
    }
}
