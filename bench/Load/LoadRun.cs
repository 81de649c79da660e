using System.Diagnostics;
using System.Threading.Channels;

namespace OrderCluster.Bench.Load;

/// <summary>
/// The measured part of a run: every actor's loop at once, with the progress ticker, until the duration is over or Ctrl-C.
/// Stopping lets each actor finish the request it is in (an order created but never acknowledged would fail the verification),
/// so only waits (think time, an operator waiting for work) are cut short.
/// </summary>
internal sealed class LoadRun(SiloPool silos, LoadKeys keys, string runTag, LoadOptions options, LoadMetrics metrics, LoadLedger ledger)
{
    /// <summary>Acknowledged orders waiting for an operator; the oldest are left when operators fall far behind.</summary>
    private readonly Channel<string> _work = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public List<LoadIntegration> Integrations { get; } = [];

    /// <summary>Runs the actors; returns how long the load ran (until the last actor stopped).</summary>
    public async Task<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Func<bool> stopped = () => stop.IsCancellationRequested;
        for (var i = 0; i < keys.Integrations.Count; i++)
        {
            var client = new LoadClient(silos, metrics, RetryPolicy.ForIntegration(i), keys.Integrations[i].Key, 1_000 + i);
            Integrations.Add(new LoadIntegration(i, client, runTag, options.RetryRate, metrics, ledger, _work.Writer));
        }

        var operators = keys.Operators.Select((key, i) =>
            new LoadOperator(i, new LoadClient(silos, metrics, RetryPolicy.Default, key.Key, 2_000 + i), metrics, ledger, _work.Reader)).ToList();
        var planners = keys.Planners.Select((key, i) =>
            new LoadPlanner(new LoadClient(silos, metrics, RetryPolicy.Default, key.Key, 3_000 + i), runTag, metrics)).ToList();
        BenchReport.Note("retry policies of the integrations: " + string.Join("; ",
            Enumerable.Range(0, Math.Min(keys.Integrations.Count, 6)).Select(i => RetryPolicy.ForIntegration(i).ToString())) + (keys.Integrations.Count > 6 ? "; …" : ""));

        using var progress = new LoadProgress(metrics, options.Progress, options.Timeline);
        using var ticking = new CancellationTokenSource();
        var ticker = progress.RunAsync(ticking.Token);
        var watch = Stopwatch.StartNew();
        stop.CancelAfter(options.Duration);
        var actors = Integrations.Select(integration => Task.Run(() => integration.RunAsync(stopped), CancellationToken.None))
            .Concat(operators.Select(o => Task.Run(() => o.RunAsync(stopped, stop.Token), CancellationToken.None)))
            .Concat(planners.Select(p => Task.Run(() => p.RunAsync(stopped, stop.Token), CancellationToken.None)))
            .ToArray();
        await Task.WhenAll(actors);
        var elapsed = watch.Elapsed;
        await ticking.CancelAsync();
        await ticker;
        progress.Print();
        if (cancellationToken.IsCancellationRequested) BenchReport.Note("stopped early (Ctrl-C): reporting and verifying what ran");
        return elapsed;
    }
}
