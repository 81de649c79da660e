namespace OrderCluster.GrainInterfaces.Analytics;

/// <summary>Tenant-wide KPI queries: asks every shard in parallel and adds their figures per period and dimension value.</summary>
public static class TenantAnalytics
{
    public static async Task<ImmutableArray<KpiPoint>> GetSeriesAsync(IGrainFactory grains, string tenant, KpiQuery query)
    {
        var parts = await Task.WhenAll(AnalyticsShards.KeysOf(tenant).Select(k => grains.GetGrain<IOrderAnalyticsGrain>(k).GetSeriesAsync(query)));
        return Merge(parts.SelectMany(p => p));
    }

    public static async Task<ImmutableArray<string>> GetDimensionsAsync(IGrainFactory grains, string tenant)
    {
        var parts = await Task.WhenAll(AnalyticsShards.KeysOf(tenant).Select(k => grains.GetGrain<IOrderAnalyticsGrain>(k).GetDimensionsAsync()));
        return [.. parts.SelectMany(p => p).Distinct().Order(StringComparer.Ordinal)];
    }

    public static async Task<ImmutableArray<AnalyticsProgress>> GetProgressAsync(IGrainFactory grains, string tenant) =>
        [.. await Task.WhenAll(AnalyticsShards.KeysOf(tenant).Select(k => grains.GetGrain<IOrderAnalyticsGrain>(k).GetProgressAsync()))];

    public static ImmutableArray<KpiPoint> Merge(IEnumerable<KpiPoint> points) =>
    [
        .. points.GroupBy(p => (p.PeriodStart, p.Dimension))
            .Select(g => new KpiPoint(g.Key.PeriodStart, g.Key.Dimension, g.Aggregate(KpiFigures.Zero, (sum, p) => sum.Plus(p.Figures))))
            .Where(p => !p.Figures.IsZero)
            .OrderBy(p => p.PeriodStart).ThenBy(p => p.Dimension, StringComparer.Ordinal),
    ];
}
