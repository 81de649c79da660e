using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Dashboard.Planner;

/// <summary>
/// Which forecast series a tenant has, from the KPI dimensions its orders produced: the series the analytics grains start
/// (<c>OrderAnalyticsGrain.StartSeriesAsync</c>): tenant total per hour and per day, and per day each channel and each SKU.
/// A tenant without orders has none.
/// </summary>
internal static class PlannerCatalogue
{
    public static IReadOnlyList<PlannerSeries> SeriesOf(string tenant, IReadOnlyCollection<string> dimensions)
    {
        if (dimensions.Count == 0) return [];
        var series = new List<PlannerSeries> { Describe(new SeriesId(tenant, TimeGrain.Hour, "")), Describe(new SeriesId(tenant, TimeGrain.Day, "")) };
        series.AddRange(dimensions.Where(d => d.StartsWith("channel:", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(d => Describe(new SeriesId(tenant, TimeGrain.Day, d))));
        series.AddRange(dimensions.Where(d => d.StartsWith("sku:", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(d => Describe(new SeriesId(tenant, TimeGrain.Day, d))));
        return series;
    }

    public static PlannerSeries Describe(SeriesId id)
    {
        var period = id.Grain == TimeGrain.Hour ? "hour" : "day";
        var measure = id.MeasuresUnits ? "units" : "orders";
        var what = id.Dimension.Length == 0 ? "Tenant total"
            : id.Dimension.StartsWith("channel:", StringComparison.Ordinal) ? "Channel " + id.Dimension["channel:".Length..]
            : id.Dimension.StartsWith("sku:", StringComparison.Ordinal) ? "SKU " + id.Dimension["sku:".Length..]
            : id.Dimension;
        return new PlannerSeries(id.Key, period, id.Dimension, $"{what} · {measure} per {period}", measure);
    }
}
