using OrderCluster.Bench.Common;
using OrderCluster.Bench.Intake;

namespace OrderCluster.Bench.Load;

/// <summary>
/// The figures of a <c>load</c> run, one <c>name value unit</c> line each: throughput per kind, latency per request kind,
/// the <c>GET /healthz</c> baseline, and answers by class (errors per attempt, transient then answered, given up, business
/// refusals by problem code) and business outcomes. Names have no spaces: <c>load.errors.create.503.grain-timeout</c>.
/// </summary>
internal static class LoadReport
{
    /// <summary>The request kinds, in report order.</summary>
    private static readonly string[] Kinds =
        ["create", "retry", "read order", "read fulfilment", "allocate", "shipment", "advance", "cancel", "hold", "forecast read", "kpi read", "search"];

    public static void Print(LoadMetrics metrics, TimeSpan loadTime, LoadMetrics baseline, TimeSpan baselineTime)
    {
        var seconds = loadTime.TotalSeconds;
        BenchReport.Figure("load.orders", metrics.Orders / seconds, "orders/s");
        BenchReport.Figure("load.commands", metrics.Commands / seconds, "commands/s");
        BenchReport.Figure("load.reads", metrics.Reads / seconds, "reads/s");
        BenchReport.Figure("load.orders_acked", metrics.Orders, "orders");
        BenchReport.Figure("load.commands_acked", metrics.Commands, "commands");
        BenchReport.Figure("load.reads_answered", metrics.Reads, "reads");
        foreach (var kind in Kinds)
            if (metrics.LatencyOf(kind) is { Count: > 0 } histogram) Latencies($"load.latency.{Name(kind)}", histogram);

        BenchReport.Figure("load.healthz_baseline", baseline.Reads / baselineTime.TotalSeconds, "requests/s");
        if (baseline.LatencyOf("healthz") is { Count: > 0 } health)
        {
            BenchReport.Figure("load.healthz_baseline.p50", health.PercentileMs(0.50), "ms");
            BenchReport.Figure("load.healthz_baseline.p99", health.PercentileMs(0.99), "ms");
            if (metrics.LatencyOf("create") is { Count: > 0 } create)
                BenchReport.Figure("load.create.p50_over_healthz_p50", create.PercentileMs(0.5) / health.PercentileMs(0.5), "x");
        }

        Counts("load.errors", metrics.Errors, "attempts");
        Counts("load.transient_then_answered", metrics.TransientThenAnswered, "attempts");
        Counts("load.given_up", metrics.GaveUp, "requests");
        Counts("load.refusals", metrics.BusinessRefusals, "requests");
        Counts("load.outcomes", metrics.Outcomes, "times");
        BenchReport.Note($"ran {seconds:0.0} s of load after {baselineTime.TotalSeconds:0.0} s of GET /healthz; latencies are exact nearest-rank "
            + "percentiles of every attempt; errors count failed attempts (no answer, 5xx, 429, idempotency-key-in-use, or a 4xx the generator should not get); "
            + "refusals are business answers (409, 412, 422) by problem code, not failures");
    }

    private static void Latencies(string name, LatencyHistogram histogram)
    {
        LatencyFigures.Print(name, histogram, 0.50, 0.90, 0.99, 0.999);
        BenchReport.Figure($"{name}.count", histogram.Count, "requests");
    }

    private static void Counts(string prefix, IReadOnlyDictionary<string, long> counts, string unit)
    {
        foreach (var (name, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal)) BenchReport.Figure($"{prefix}.{Name(name)}", count, unit);
    }

    private static string Name(string text) => text.Replace(' ', '.').Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal);
}
