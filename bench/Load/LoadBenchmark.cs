using System.Diagnostics;
using OrderCluster.Bench.Common;
using OrderCluster.Bench.Intake;

namespace OrderCluster.Bench.Load;

/// <summary>
/// <c>load</c>: a mixed workload against one or more silos of a cluster over the public API: M marketplace integrations
/// posting orders with idempotency keys and retry policies of their own, N operators moving the acknowledged orders through
/// the workflow, P planners reading forecasts, KPIs and searches; live progress on stderr, and at the end throughput per kind,
/// latency percentiles per request kind and errors by type, next to a <c>GET /healthz</c> baseline of the same clients
/// measured first. Then it lists the run's orders to check exactly one order per acknowledged Idempotency-Key (exit 1 if not).
/// With <c>--ledger</c> it writes every acknowledged write for the chaos checker (<see cref="LoadLedger"/>). Options: <see cref="LoadOptions"/>.
/// </summary>
internal sealed class LoadBenchmark : IBenchmarkSuite
{
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(3);

    public string Name => "load";

    public string Description => "integrations, operators and planners at once over HTTP: throughput, latency per request kind, errors by type vs GET /healthz";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (LoadOptions.Parse(args, out var error) is not { } options) return OptionReader.Refuse(Name, error, LoadOptions.Usage);
        return await PrivateSilo.RunAgainstAsync(options.Urls, options.Key, (urls, key) => RunAsync(urls, key, options, cancellationToken), cancellationToken);
    }

    private static async Task<int> RunAsync(IReadOnlyList<Uri> urls, string adminKey, LoadOptions options, CancellationToken cancellationToken)
    {
        using var silos = new SiloPool(urls);
        var api = new IntakeSiloApi(silos.First, adminKey);
        var runTag = "load-" + Guid.NewGuid().ToString("N")[..10];
        var since = DateTimeOffset.UtcNow.AddMinutes(-5); // tolerates a silo clock a little behind ours
        var tenant = await api.TenantAsync(cancellationToken);
        var warehouseId = runTag + "-wh";
        if (await api.StockWarehouseAsync(warehouseId, options.Stock, cancellationToken) is { } refusal)
        {
            Console.Error.WriteLine($"load: the run's warehouse could not be stocked: {refusal}");
            return 2;
        }

        BenchReport.Note($"stock: warehouse {warehouseId} received {options.Stock:N0} units of each of the {MarketplaceOrders.Skus} SKUs");
        var keys = await LoadKeys.CreateAsync(api, runTag, options, cancellationToken);
        if (keys.Refusal is not null)
        {
            Console.Error.WriteLine($"load: {keys.Refusal}");
            return 2;
        }

        using var ledger = LoadLedger.Open(options.Ledger);
        try
        {
            ledger.Run(runTag, tenant, warehouseId, options.Stock, Enumerable.Range(0, MarketplaceOrders.Skus).Select(MarketplaceOrders.SkuOf), DateTimeOffset.UtcNow);
            BenchReport.Note($"{options.Integrations} integrations, {options.Operators} operators, {options.Planners} planners (one API key each) against "
                + $"{string.Join(", ", urls)}; tenant {tenant}, run tag {runTag}; {Baseline.TotalSeconds:0} s of GET /healthz first, then {options.Duration.TotalSeconds:0} s of load");
            var baseline = new LoadMetrics();
            var baselineTime = await MeasureBaselineAsync(silos, keys, baseline, cancellationToken);

            var metrics = new LoadMetrics();
            var run = new LoadRun(silos, keys, runTag, options, metrics, ledger);
            var loadTime = await run.RunAsync(cancellationToken);
            ledger.End(metrics.Orders, metrics.Commands);
            LoadReport.Print(metrics, loadTime, baseline, baselineTime);
            return await LoadVerifier.VerifyAsync(api, run.Integrations, runTag, since) ? 0 : 1;
        }
        finally
        {
            await api.RevokeAsync(keys.All, CancellationToken.None);
        }
    }

    /// <summary>The floor: every actor's client calls <c>GET /healthz</c> back to back for a few seconds, on the same silos and connections.</summary>
    private static async Task<TimeSpan> MeasureBaselineAsync(SiloPool silos, LoadKeys keys, LoadMetrics baseline, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var clients = keys.All.Select((key, i) => new LoadClient(silos, baseline, RetryPolicy.Default, key.Key, i)).ToList();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            while (watch.Elapsed < Baseline && !cancellationToken.IsCancellationRequested)
                if ((await client.GetAsync("healthz", "/healthz")).IsSuccess) baseline.ReadAnswered();
        }, CancellationToken.None)));
        return watch.Elapsed;
    }
}
