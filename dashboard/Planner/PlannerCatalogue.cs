using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Dashboard.Planner;

/// <summary>
/// Which forecast series a tenant has, from the KPI dimensions its orders produced: <see cref="ForecastSeriesRule"/> decides (the
/// rule the analytics grains start series by); this adds labels. A tenant without orders has none.
/// </summary>
internal static class PlannerCatalogue
{
    public static IReadOnlyList<PlannerSeries> SeriesOf(string tenant, IReadOnlyCollection<string> dimensions) =>
        [.. ForecastSeriesRule.SeriesOf(tenant, dimensions).Select(Describe)];

    public static PlannerSeries Describe(SeriesId id)
    {
        var period = id.Grain == TimeGrain.Hour ? "hour" : "day";
        var measure = id.MeasuresUnits ? "units" : "orders";
        var what = id.Dimension.Length == 0 ? "Tenant total"
            : id.Dimension.StartsWith("channel:", StringComparison.Ordinal) ? "Channel " + id.Dimension["channel:".Length..]
            : id.Dimension.StartsWith("sku:", StringComparison.Ordinal) ? "SKU " + id.Dimension["sku:".Length..]
            : id.Dimension.StartsWith("warehouse:", StringComparison.Ordinal) ? "Warehouse " + id.Dimension["warehouse:".Length..]
            : id.Dimension;
        return new PlannerSeries(id.Key, period, id.Dimension, $"{what} · {measure} per {period}", measure);
    }
}
