using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Storage.Postgres;

namespace OrderCluster.Bench.Runtime;

/// <summary>An in-process silo with the bench grains, on memory or PostgreSQL storage.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchSilo> StartAsync(string? postgres, int? concurrentBatches = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddFilter(_ => false);
        builder.Services.AddOrderClusterRuntime(runtime =>
        {
            runtime.AddGrains(typeof(PingGrain).Assembly).AddJsonTypeInfoResolver(BenchJsonContext.Default);
            if (postgres is null) runtime.UseInMemoryStorage();
        });
        if (postgres is not null) builder.Services.AddPostgresStorage(postgres);
        if (concurrentBatches is { } n) builder.Services.Configure<StateBatchingOptions>(o => o.MaxConcurrentBatches = n);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
