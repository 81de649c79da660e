using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrderCluster.Bench.Runtime;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Streams;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Bench.Streams;

/// <summary>
/// <c>streams</c>: events per second end to end and p50/p99 delivery latency (producer commit to consumer handled)
/// through the runtime on PostgreSQL, and the same for a plain events table polled by as many pollers as the runtime
/// has partition readers, with the same producers. Options: <c>--seconds N</c> (default 10), <c>--postgres CONNECTION</c>.
/// </summary>
internal sealed class StreamsBenchmark : IBenchmarkSuite
{
    private const int Producers = 16;
    private const int Streams = 1000;
    private const int EventsPerPublish = 50;

    public string Name => "streams";

    public string Description => "stream events/s and delivery latency vs a polled PostgreSQL table";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = TimeSpan.FromSeconds(double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture));
        var server = Option(args, "--postgres") is null ? await PostgresServer.StartDurableAsync() : null;
        var database = Option(args, "--postgres") ?? await server!.CreateDatabaseAsync(cancellationToken);
        var options = new StreamOptions();

        var recorder = new LatencyRecorder();
        using (var host = await StartSiloAsync(database, recorder))
        {
            var publisher = host.Services.GetRequiredService<IStreamPublisher>();
            var (rate, p50, p99) = await MeasureAsync(recorder, seconds, async (producer, round) =>
                await publisher.PublishAsync(Batch(producer, round).Select(e => new StreamEventData(new StreamId("bench", e.Stream), "n", new BenchEvent(round))).ToList()));
            BenchReport.Figure("streams.events", rate, "events/s");
            BenchReport.Figure("streams.latency.p50", p50, "ms");
            BenchReport.Figure("streams.latency.p99", p99, "ms");
            await host.StopAsync(cancellationToken);
        }

        await using var data = NpgsqlDataSource.Create(database);
        var baselineRecorder = new LatencyRecorder();
        var baseline = new PollingBaseline(data, options.Partitions, options.PollInterval, baselineRecorder);
        await baseline.CreateAsync();
        using var stopPollers = new CancellationTokenSource();
        var polling = baseline.RunPollersAsync(stopPollers.Token);
        var (baseRate, baseP50, baseP99) = await MeasureAsync(baselineRecorder, seconds,
            (producer, round) => baseline.PublishAsync(Batch(producer, round).Select(e => (e.Stream, $"{{\"value\":{round}}}")).ToList()));
        await stopPollers.CancelAsync();
        await polling;
        BenchReport.Figure("streams.events.polling_baseline", baseRate, "events/s");
        BenchReport.Figure("streams.latency.p50.polling_baseline", baseP50, "ms");
        BenchReport.Figure("streams.latency.p99.polling_baseline", baseP99, "ms");
        return 0;
    }

    private static IEnumerable<(string Stream, int Round)> Batch(int producer, int round) =>
        Enumerable.Range(0, EventsPerPublish).Select(i => ($"s-{(producer * 7919 + round * EventsPerPublish + i) % Streams}", round));

    /// <summary>Producers publish for <paramref name="duration"/> after a warm-up; consumed events per second and latencies.</summary>
    private static async Task<(double Rate, double P50, double P99)> MeasureAsync(LatencyRecorder recorder, TimeSpan duration,
        Func<int, int, Task> publish)
    {
        using var stop = new CancellationTokenSource();
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++) await publish(p, round);
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(3)); // warm-up
        recorder.Reset();
        recorder.Recording = true;
        await Task.Delay(duration);
        var consumed = recorder.Events;
        recorder.Recording = false;
        await stop.CancelAsync();
        await Task.WhenAll(producers);
        var (p50, p99) = recorder.Percentiles();
        return (consumed / duration.TotalSeconds, p50, p99);
    }

    private static async Task<IHost> StartSiloAsync(string database, LatencyRecorder recorder)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddFilter(_ => false);
        builder.Services.AddSingleton(recorder);
        builder.Services.AddOrderClusterRuntime(runtime => runtime.AddGrains(typeof(LatencyConsumerGrain).Assembly)
            .AddJsonTypeInfoResolver(BenchJsonContext.Default));
        builder.Services.AddPostgresStorage(database);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
