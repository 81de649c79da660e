using OrderCluster.Bench.Common;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace OrderCluster.Bench.Chaos;

/// <summary>
/// <c>chaos</c>: the two steps of <c>bench/Chaos/run-chaos.sh</c> that talk to the cluster. <c>prepare</c> publishes a short
/// shipping SLA so deadlines warn and breach during the run; <c>verify</c> checks, through the database and the API, what
/// the load generator's ledger says was acknowledged: every order exactly once, no SKU oversold, every due SLA timer fired,
/// every event in analytics and the search read model (no dead letters), audit trails complete. Exit code 1 on any violation.
/// </summary>
internal sealed class ChaosSuite : IBenchmarkSuite
{
    public string Name => "chaos";

    public string Description => "prepare a cluster for a chaos run, and verify it afterwards (bench/Chaos/run-chaos.sh runs both)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (ChaosOptions.Parse(args, out var error) is not { } options) return OptionReader.Refuse("chaos", error, ChaosOptions.Usage);

        using var api = new ChaosApi(options.Silos, options.Key);
        return options.Command == "prepare" ? await PrepareAsync(api, options, cancellationToken) : await VerifyAsync(api, options, cancellationToken);
    }

    private static async Task<int> PrepareAsync(ChaosApi api, ChaosOptions options, CancellationToken cancellationToken)
    {
        var (_, current) = await api.GetAsync("/api/v1/config/sla-policy", cancellationToken);
        var version = JsonDocument.Parse(current).RootElement.GetProperty("version").GetInt32();
        var policy = new
        {
            expectedVersion = version,
            policy = new
            {
                warningFraction = 0.5,
                rules = new[]
                {
                    new { kind = "shipping", startState = "placed", metStates = new[] { "shipped", "delivered", "closed" }, within = options.Sla.ToString("c", CultureInfo.InvariantCulture) },
                },
            },
        };
        await api.SendAsync(HttpMethod.Put, "/api/v1/config/sla-policy", JsonSerializer.Serialize(policy), null, cancellationToken);
        BenchReport.Note($"published a shipping SLA of {options.Sla.TotalSeconds:0} s (warning at half) for the key's tenant");
        return 0;
    }

    private static async Task<int> VerifyAsync(ChaosApi api, ChaosOptions options, CancellationToken cancellationToken)
    {
        var ledger = ChaosLedger.Read(options.Ledger!);
        var verdict = new ChaosVerdict();
        if (!ledger.Ended) BenchReport.Note("the ledger has no 'end' line: the load generator did not finish; checking what it acknowledged");
        await using var db = NpgsqlDataSource.Create(options.Postgres!);
        var store = new ChaosStore(db, options.Schema);

        var verifiedAt = DateTimeOffset.UtcNow;
        var stored = await store.OrdersAsync(ledger.Tenant, cancellationToken);
        var ids = stored.Select(o => o.OrderId).Union(ledger.Orders.Values, StringComparer.Ordinal).ToList();
        BenchReport.Note($"ledger: {ledger.Orders.Count} acknowledged orders, {ledger.Commands.Count} acknowledged commands; "
            + $"database: {stored.Count} orders of tenant {ledger.Tenant}; reading {ids.Count} orders through the API");
        var apiOrders = new ConcurrentDictionary<string, ApiOrder?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (id, token) => apiOrders[id] = await api.OrderAsync(id, token));
        var facts = new ChaosFacts(ledger, stored, apiOrders, verifiedAt, options.Grace);

        OrderChecks.CheckExactlyOnce(facts, verdict);
        await StockCheck.RunAsync(facts, store, verdict, cancellationToken);
        await SlaCheck.RunAsync(facts, store, verdict, cancellationToken);
        await AnalyticsCheck.RunAsync(facts, api, options.Patience, verdict, cancellationToken);
        await ReadModelCheck.RunAsync(facts, store, options.Patience, verdict, cancellationToken);
        OrderChecks.CheckAuditTrails(facts, verdict);
        return verdict.Summarize();
    }
}
