namespace OrderCluster.GrainInterfaces.Analytics;

/// <summary>
/// The one rule for which forecast series a tenant has, from the KPI dimension values its orders produce: the tenant total per
/// hour and per day, and per day each channel, SKU and warehouse. The analytics grains start these series and the planner lists them.
/// </summary>
public static class ForecastSeriesRule
{
    /// <summary>The dimension kinds that get a daily series per value, in the order pickers list them.</summary>
    public static ImmutableArray<string> DailyKinds { get; } = ["channel", "sku", "warehouse"];

    /// <summary>The series that dimension values (e.g. <c>sku:SKU-1</c>; others are ignored) feed, totals first; none without any value.</summary>
    public static IReadOnlyList<SeriesId> SeriesOf(string tenant, IEnumerable<string> dimensions)
    {
        var all = dimensions.ToList();
        var fed = all.Where(Feeds).Distinct().ToList();
        return all.Count == 0
            ? []
            : [
                new SeriesId(tenant, TimeGrain.Hour, ""),
                new SeriesId(tenant, TimeGrain.Day, ""),
                .. fed.OrderBy(d => DailyKinds.IndexOf(d[..d.IndexOf(':')])).ThenBy(d => d, StringComparer.Ordinal).Select(d => new SeriesId(tenant, TimeGrain.Day, d)),
            ];
    }

    /// <summary>Whether a dimension value has a daily series of its own.</summary>
    public static bool Feeds(string dimension) =>
        dimension.IndexOf(':') is > 0 and var colon && colon < dimension.Length - 1 && DailyKinds.Contains(dimension[..colon]);
}
