using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Grains.Analytics;

/// <summary>
/// The in-memory KPI cells of one shard, rebuilt from the orders' facts on activation and kept by replacing an order's
/// contribution whenever its facts change. Not thread-safe: it belongs to one activation (turn-based).
/// </summary>
internal sealed class KpiAggregates
{
    private readonly Dictionary<KpiKey, KpiFigures> _cells = [];

    public static KpiAggregates Build(IEnumerable<OrderFacts> orders)
    {
        var aggregates = new KpiAggregates();
        foreach (var facts in orders) aggregates.Replace(null, facts);
        return aggregates;
    }

    public void Replace(OrderFacts? before, OrderFacts? after)
    {
        if (before is not null)
            foreach (var (key, figures) in KpiContributions.Of(before)) Add(key, figures, subtract: true);
        if (after is not null)
            foreach (var (key, figures) in KpiContributions.Of(after)) Add(key, figures, subtract: false);
    }

    public ImmutableArray<KpiPoint> Query(KpiQuery query) =>
    [
        .. _cells.Where(c => c.Key.Grain == query.Grain && c.Key.Period >= query.From && c.Key.Period < query.To && query.Matches(c.Key.Dimension))
            .Select(c => new KpiPoint(c.Key.Period, c.Key.Dimension, c.Value))
            .OrderBy(p => p.PeriodStart).ThenBy(p => p.Dimension, StringComparer.Ordinal),
    ];

    public IEnumerable<string> Dimensions => _cells.Keys.Select(k => k.Dimension).Where(d => d.Length > 0).Distinct();

    private void Add(KpiKey key, KpiFigures figures, bool subtract)
    {
        var current = _cells.GetValueOrDefault(key) ?? KpiFigures.Zero;
        var next = subtract ? current.Minus(figures) : current.Plus(figures);
        if (next.IsZero) _cells.Remove(key); // keeps the cells to what some order contributes
        else _cells[key] = next;
    }
}
