using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderCluster.Bench.Runtime;
using OrderCluster.Dashboard.Collection;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Hosting;

namespace OrderCluster.Bench.Dashboard;

/// <summary>
/// <c>dashboard</c>: local grain calls on one silo with the dashboard's collection running (the recent-calls log on the call path, the
/// once-a-second sampler, an open live-stream client reading every snapshot) and without it (log and sampler paused, no client), in
/// alternating one-second slices on the same silo and grains, so the only difference is the collection.
/// Options: <c>--seconds N</c> of slices per side (default 10), <c>--recent-calls N</c> (the recent-calls log's size; 0 turns it off).
/// Goal: ratio at least 0.95.
/// </summary>
internal sealed class DashboardBenchmark : IBenchmarkSuite
{
    private const int Callers = 64;
    private const int Grains = 10_000;
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    public string Name => "dashboard";

    public string Description => "local calls with the dashboard's collection and a live viewer vs without (ratio, goal >= 0.95)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = int.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var payload = new byte[1024];
        await using var watched = await WatchedSilo.StartAsync(Option(args, "--recent-calls"));
        var grains = Enumerable.Range(0, Grains).Select(i => watched.Grains.GetGrain<IPingGrain>($"ping-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.PingAsync(payload)));
        Func<int, long, Task> call = (c, s) => grains[(int)((c * 7919 + s) % Grains)].PingAsync(payload);
        var withDashboard = call;
        var without = call;

        await watched.WatchAsync(() => Runtime.Load.RateAsync(Callers, Slice * 3, withDashboard));
        await Runtime.Load.RateAsync(Callers, Slice * 3, without);
        double subject = 0, baseline = 0;
        long snapshots = 0;
        for (var i = 0; i < seconds && !cancellationToken.IsCancellationRequested; i++)
        {
            var (rate, received) = await watched.WatchAsync(() => Runtime.Load.RateAsync(Callers, Slice, withDashboard));
            subject += rate;
            snapshots += received;
            baseline += await Runtime.Load.RateAsync(Callers, Slice, without);
        }

        BenchReport.Figure("dashboard.local_calls.with_collection", subject / seconds, "calls/s");
        BenchReport.Figure("dashboard.local_calls.without_collection", baseline / seconds, "calls/s");
        BenchReport.Figure("dashboard.local_calls.ratio", subject / baseline, "x");
        BenchReport.Figure("dashboard.live_snapshots_received", snapshots, "events");
        BenchReport.Note($"{Callers} callers over {Grains} grains, {seconds} one-second slices per side on one silo; goal: ratio >= 0.95");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>A silo serving the dashboard on a loopback port, with a live-stream client it can attach for a slice.</summary>
    private sealed class WatchedSilo : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http;

        private WatchedSilo(WebApplication app, Uri address)
        {
            _app = app;
            _http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        }

        public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

        private SiloSampler Sampler => _app.Services.GetRequiredService<SiloSampler>();

        private RecentCallLog RecentCalls => _app.Services.GetRequiredService<RecentCallLog>();

        private void Collect(bool on)
        {
            Sampler.Paused = !on;
            RecentCalls.IsPaused = !on;
        }

        public static async Task<WatchedSilo> StartAsync(string? recentCalls)
        {
            int port;
            using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            builder.Services.AddOrderClusterRuntime(runtime => runtime.AddGrains(typeof(PingGrain).Assembly)
                .AddJsonTypeInfoResolver(BenchJsonContext.Default).UseInMemoryStorage());
            var settings = new Dictionary<string, string?> { ["Dashboard:RecentCalls"] = recentCalls }; // null: the default
            builder.Services.AddDashboard(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()); // embedded: anonymous read-only
            var app = builder.Build();
            app.MapDashboard();
            await app.StartAsync();
            var silo = new WatchedSilo(app, new Uri($"http://127.0.0.1:{port}"));
            silo.Collect(on: false);
            return silo;
        }

        /// <summary>Runs <paramref name="measure"/> with the sampler on and a viewer reading the live stream; returns its rate and the events read.</summary>
        public async Task<(double Rate, long Events)> WatchAsync(Func<Task<double>> measure)
        {
            Collect(on: true);
            using var stop = new CancellationTokenSource();
            long events = 0;
            var viewer = Task.Run(async () =>
            {
                try
                {
                    using var response = await _http.GetAsync("/dashboard/api/live", HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                    while (await reader.ReadLineAsync(stop.Token) is { } line)
                        if (line.StartsWith("event: snapshot", StringComparison.Ordinal)) Interlocked.Increment(ref events);
                }
                catch (OperationCanceledException)
                {
                }
            });
            var rate = await measure();
            await stop.CancelAsync();
            await viewer;
            Collect(on: false);
            return (rate, Interlocked.Read(ref events));
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
