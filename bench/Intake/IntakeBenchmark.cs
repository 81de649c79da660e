using System.Diagnostics;
using System.Net;
using OrderCluster.Bench.Common;

namespace OrderCluster.Bench.Intake;

/// <summary>
/// <c>intake</c>: N concurrent simulated marketplace integrations post orders (3 lines, a unique Idempotency-Key each, a share
/// re-sent with the same key, stock reserved when the silo serves allocation) to a running silo over HTTP, against the same
/// clients calling <c>GET /healthz</c> on the same server (the HTTP floor), in alternating one-second slices after a warm-up.
/// Prints orders/s, exact p50/p99/p99.9 latencies, responses by status, and checks afterwards, by listing the run's orders,
/// that there is exactly one order per Idempotency-Key. Options: <see cref="IntakeOptions"/>.
/// </summary>
internal sealed class IntakeBenchmark : IBenchmarkSuite
{
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private const int StockPerSku = 1_000_000; // far more than a run orders, so every allocation can reserve

    public string Name => "intake";

    public string Description => "orders/s and p50/p99/p99.9 of marketplace integrations posting orders over HTTP vs GET /healthz";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (IntakeOptions.Parse(args, out var error) is not { } options) return OptionReader.Refuse(Name, error, IntakeOptions.Usage);
        return await PrivateSilo.RunAgainstAsync(options.Url is { } url ? [url] : [], options.Key,
            (urls, key) => RunAsync(urls[0], key, options, cancellationToken), cancellationToken);
    }

    private static async Task<int> RunAsync(Uri url, string key, IntakeOptions options, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var runTag = "intake-" + Guid.NewGuid().ToString("N")[..10];
        var since = DateTimeOffset.UtcNow.AddMinutes(-5); // tolerates a silo clock a little behind ours
        var api = new IntakeSiloApi(http, key);

        var (allocatePath, reservations) = await api.FindAllocationRouteAsync(cancellationToken);
        BenchReport.Note(allocatePath is null ? $"reservations SKIPPED: {reservations}" : $"reservations: {reservations}");
        if (allocatePath is not null)
        {
            var warehouseId = runTag + "-wh";
            var refusal = await api.StockWarehouseAsync(warehouseId, StockPerSku, cancellationToken);
            BenchReport.Note(refusal is null
                ? $"stock: warehouse {warehouseId} received {StockPerSku:N0} units of each of the {MarketplaceOrders.Skus} SKUs"
                : $"stock NOT set up, so allocations backorder: {refusal}");
        }

        List<(string KeyId, string Key)> keys = [];
        if (!options.SharedKey)
        {
            var (created, refusal) = await api.CreateIntegrationKeysAsync(runTag, options.Integrations, cancellationToken);
            if (created is null) BenchReport.Note($"one key for all integrations (so Api:RateLimitPermits applies to them together): {refusal}");
            else keys = created;
        }

        try
        {
            var integrations = Enumerable.Range(0, options.Integrations)
                .Select(i => new MarketplaceIntegration(i, http, keys.Count > 0 ? keys[i].Key : key, runTag, options.RetryRate, allocatePath))
                .ToList();
            BenchReport.Note($"{options.Integrations} integrations ({(keys.Count > 0 ? "one API key each" : "one shared API key")}) against {url}, "
                + $"run tag {runTag}, retry rate {options.RetryRate:0.###}, {WarmUp.TotalSeconds:0} s warm-up per side");
            var (orderTime, healthTime) = await MeasureAsync(integrations, options, cancellationToken);
            var stats = IntakeStats.Merge([.. integrations.Select(i => i.Stats)]);
            Report(stats, orderTime, healthTime);
            return await VerifyAsync(api, integrations, runTag, since, cancellationToken) ? 0 : 1;
        }
        finally
        {
            await api.RevokeAsync(keys, CancellationToken.None);
        }
    }

    /// <summary>Warm-up, then alternating measured slices until the order side has run for the duration or created the orders asked for.</summary>
    private static async Task<(TimeSpan Orders, TimeSpan Health)> MeasureAsync(List<MarketplaceIntegration> integrations, IntakeOptions options,
        CancellationToken cancellationToken)
    {
        await SliceAsync(integrations, (i, stop) => i.PostOrdersAsync(stop, measured: false, cancellationToken), WarmUp, () => false);
        await SliceAsync(integrations, (i, stop) => i.CheckHealthAsync(stop, measured: false, cancellationToken), WarmUp, () => false);
        var orders = TimeSpan.Zero;
        var health = TimeSpan.Zero;
        Func<bool> enoughOrders = () => options.Orders is { } target && integrations.Sum(i => i.Stats.OrdersCreated) >= target;
        while (orders < options.Duration && !enoughOrders() && !cancellationToken.IsCancellationRequested)
        {
            orders += await SliceAsync(integrations, (i, stop) => i.PostOrdersAsync(stop, measured: true, cancellationToken), Slice, enoughOrders);
            health += await SliceAsync(integrations, (i, stop) => i.CheckHealthAsync(stop, measured: true, cancellationToken), Slice, () => false);
        }

        return (orders, health);
    }

    /// <summary>Runs every integration's loop for <paramref name="length"/> (or until <paramref name="done"/>); returns the time until the last one finished.</summary>
    private static async Task<TimeSpan> SliceAsync(List<MarketplaceIntegration> integrations, Func<MarketplaceIntegration, Func<bool>, Task> loop,
        TimeSpan length, Func<bool> done)
    {
        var stop = 0;
        Func<bool> stopped = () => Volatile.Read(ref stop) == 1;
        var watch = Stopwatch.StartNew();
        var loops = integrations.Select(i => Task.Run(() => loop(i, stopped))).ToArray();
        while (watch.Elapsed < length && !done()) await Task.Delay(TimeSpan.FromMilliseconds(20));
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(loops);
        return watch.Elapsed;
    }

    private static void Report(IntakeStats stats, TimeSpan orderTime, TimeSpan healthTime)
    {
        BenchReport.Figure("intake.orders", stats.OrdersCreated / orderTime.TotalSeconds, "orders/s");
        Latencies("intake.create", stats.Create);
        if (stats.Reserve.Count > 0) Latencies("intake.reserve", stats.Reserve);
        if (stats.Retry.Count > 0) Latencies("intake.retry", stats.Retry);
        BenchReport.Figure("intake.healthz_baseline", stats.HealthRequests / healthTime.TotalSeconds, "requests/s");
        Latencies("intake.healthz_baseline", stats.Health);
        BenchReport.Figure("intake.create.p50_over_healthz_p50", stats.Create.PercentileMs(0.5) / stats.Health.PercentileMs(0.5), "x");
        BenchReport.Figure("intake.orders_created", stats.OrdersCreated, "orders");
        BenchReport.Figure("intake.orders_with_stock_reserved", stats.ReservationsMade, "orders");
        BenchReport.Figure("intake.retries.simulated", stats.SimulatedRetries, "requests");
        BenchReport.Figure("intake.retries.replayed_same_order", stats.RetriesReplayed, "requests");
        BenchReport.Figure("intake.retries.answered_another_order", stats.RetriesWithAnotherOrder, "requests");
        BenchReport.Figure("intake.retries.after_transient_failure", stats.TransientRetries, "requests");
        foreach (var (outcome, count) in stats.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            BenchReport.Figure($"intake.responses.{outcome.Replace(' ', '.')}", count, "requests");
        if (stats.Outcomes.Keys.Any(MarketplaceIntegration.IsRateLimited))
            BenchReport.Note($"some requests were answered {(int)HttpStatusCode.TooManyRequests}: the silo's Api:RateLimitPermits per key capped the rate");
        BenchReport.Note($"measured {orderTime.TotalSeconds:0.0} s of orders and {healthTime.TotalSeconds:0.0} s of /healthz in alternating slices; "
            + "latencies are exact nearest-rank percentiles of every request of the measured slices");
    }

    private static void Latencies(string name, LatencyHistogram histogram) => LatencyFigures.Print(name, histogram, 0.50, 0.99, 0.999);

    /// <summary>One order per Idempotency-Key: every key answered with one order id, and the run's orders listed by the API are exactly those.</summary>
    private static async Task<bool> VerifyAsync(IntakeSiloApi api, List<MarketplaceIntegration> integrations, string runTag, DateTimeOffset since,
        CancellationToken cancellationToken)
    {
        var ledger = integrations.SelectMany(i => i.Ledger).ToList();
        var answered = ledger.Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
        var listed = await api.ListRunOrdersAsync(runTag, since, cancellationToken);
        var listing = RunOrderListing.Compare(answered, listed);
        var (_, _, listedTwice, unknown, missing) = listing;
        listing.Print("intake", ledger.Count);
        BenchReport.Figure("intake.verify.orders_created_all_slices", integrations.Sum(i => i.AllOrdersCreated), "orders");
        var ok = answered.Count == ledger.Count && listed.Count == ledger.Count && listedTwice == 0 && unknown == 0 && missing == 0;
        BenchReport.Note(ok
            ? $"verified: {ledger.Count} idempotency keys, {listed.Count} distinct orders listed with tag {runTag}: no duplicates from retries"
            : $"VERIFICATION FAILED: {ledger.Count} keys, {answered.Count} distinct order ids answered, {listed.Count} listed "
              + $"({listedTwice} listed twice, {unknown} listed but never answered, {missing} answered but not listed)");
        return ok;
    }
}
