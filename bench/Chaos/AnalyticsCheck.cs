using System.Text.Json;

namespace OrderCluster.Bench.Chaos;

/// <summary>
/// Every event reached analytics: the hourly KPIs the API serves equal a recomputation from the stored orders (orders,
/// units, revenue, cancelled, shipped, SLA met and breached per hour; units and orders per SKU per hour). The KPIs are
/// read again for a while until they agree, since the last events may still be on their way when the check starts.
/// </summary>
internal static class AnalyticsCheck
{
    public const string Name = "every event reached analytics";
    private static readonly string[] TotalFigures = ["orders", "units", "revenue", "cancelled", "shipped", "slaMet", "slaBreached"];
    private static readonly string[] SkuFigures = ["orders", "units"];
    // The chaos tenant runs the default workflow: its cancellation state, and the statuses that count as shipped.
    private const string Cancelled = "cancelled";
    private static readonly HashSet<string> ShippedStatuses = ["shipped", "delivered"];

    public static async Task RunAsync(ChaosFacts facts, ChaosApi api, TimeSpan patience, ChaosVerdict verdict,
        CancellationToken cancellationToken)
    {
        verdict.Start(Name);
        if (facts.StoredOrders.Count == 0) return;

        var expected = Recompute(facts);
        var from = facts.StoredOrders.Min(o => o.CreatedAt).AddHours(-1);
        var to = facts.StoredOrders.Max(o => o.CreatedAt).AddHours(1);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        List<string> differences;
        while (true)
        {
            var actual = await api.HourlyKpisAsync("", from, to, cancellationToken);
            foreach (var (cell, figures) in await api.HourlyKpisAsync("sku", from, to, cancellationToken)) actual[cell] = figures;
            differences = Compare(expected, actual);
            if (differences.Count == 0 || waited.Elapsed > patience) break;
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        foreach (var difference in differences) verdict.Violation(Name, difference);
        ChaosVerdict.Figure("analytics.cells_compared", expected.Count, "cells");
        ChaosVerdict.Figure("analytics.seconds_to_agree", differences.Count == 0 ? waited.Elapsed.TotalSeconds : -1, "s");
    }

    private static Dictionary<(DateTimeOffset Period, string Dimension), Dictionary<string, decimal>> Recompute(ChaosFacts facts)
    {
        var cells = new Dictionary<(DateTimeOffset, string), Dictionary<string, decimal>>();
        void Add((DateTimeOffset, string) cell, string figure, decimal value)
        {
            if (!cells.TryGetValue(cell, out var figures)) cells[cell] = figures = new Dictionary<string, decimal>(StringComparer.Ordinal);
            figures[figure] = figures.GetValueOrDefault(figure) + value;
        }

        foreach (var order in facts.StoredOrders)
        {
            var hour = new DateTimeOffset(order.CreatedAt.UtcDateTime.Date.AddHours(order.CreatedAt.UtcDateTime.Hour), TimeSpan.Zero);
            var total = (hour, "");
            Add(total, "orders", 1);
            Add(total, "units", order.UnitsBySku.Values.Sum());
            Add(total, "revenue", facts.ApiOrders.GetValueOrDefault(order.OrderId)?.Total ?? 0);
            Add(total, "cancelled", order.Status == Cancelled ? 1 : 0);
            Add(total, "shipped", order.Audit.Any(a => a.StatusAfter is { } s && ShippedStatuses.Contains(s)) ? 1 : 0);
            Add(total, "slaMet", order.Sla.Count(d => d.Status == "Met"));
            Add(total, "slaBreached", order.Sla.Count(d => d.Status == "Breached"));
            foreach (var (sku, units) in order.UnitsBySku)
            {
                Add((hour, "sku:" + sku), "orders", 1);
                Add((hour, "sku:" + sku), "units", units);
            }
        }

        return cells;
    }

    private static List<string> Compare(Dictionary<(DateTimeOffset Period, string Dimension), Dictionary<string, decimal>> expected,
        Dictionary<(DateTimeOffset Period, string Dimension), JsonElement> actual)
    {
        var differences = new List<string>();
        foreach (var ((period, dimension), figures) in expected.OrderBy(e => e.Key.Period).ThenBy(e => e.Key.Dimension, StringComparer.Ordinal))
        {
            var names = dimension.Length == 0 ? TotalFigures : SkuFigures;
            if (!actual.TryGetValue((period, dimension), out var served))
            {
                differences.Add($"{period:yyyy-MM-dd HH}:00 {Label(dimension)}: recomputed {Describe(figures, names)}, analytics has no such cell");
                continue;
            }

            var wrong = names.Where(n => served.GetProperty(n).GetDecimal() != figures.GetValueOrDefault(n)).ToList();
            if (wrong.Count > 0)
                differences.Add($"{period:yyyy-MM-dd HH}:00 {Label(dimension)}: "
                    + string.Join(", ", wrong.Select(n => $"{n} recomputed {figures.GetValueOrDefault(n)}, analytics {served.GetProperty(n).GetDecimal()}")));
        }

        foreach (var cell in actual.Keys.Where(k => !expected.ContainsKey(k) && (k.Dimension.Length == 0 || k.Dimension.StartsWith("sku:", StringComparison.Ordinal))))
            differences.Add($"{cell.Period:yyyy-MM-dd HH}:00 {Label(cell.Dimension)}: analytics has a cell no stored order accounts for");
        return differences;
    }

    private static string Label(string dimension) => dimension.Length == 0 ? "tenant total" : dimension;

    private static string Describe(Dictionary<string, decimal> figures, string[] names) => string.Join(", ", names.Select(n => $"{n} {figures.GetValueOrDefault(n)}"));
}
