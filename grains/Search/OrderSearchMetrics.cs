using System.Diagnostics.Metrics;

namespace OrderCluster.Grains.Search;

/// <summary>Instruments of the order search read model (meter <c>OrderCluster.Search</c>), exported with the silo's metrics.</summary>
internal static class OrderSearchMetrics
{
    public static readonly Meter Meter = new("OrderCluster.Search");

    public static readonly Counter<long> RowsUpserted = Meter.CreateCounter<long>("ordercluster.search.rows_upserted", description: "search rows inserted or replaced");

    public static readonly Counter<long> StaleRowsSkipped = Meter.CreateCounter<long>("ordercluster.search.stale_rows_skipped", description: "rows not written because the stored one is as new or newer");

    public static readonly Counter<long> BatchFailures = Meter.CreateCounter<long>("ordercluster.search.batch_failures", description: "projection batches that failed and are redelivered");

    public static readonly Histogram<double> QueryDuration = Meter.CreateHistogram<double>("ordercluster.search.query.duration", "ms", "time to run an order search");

    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("ordercluster.search.lag", "ms", "time from an order change to its search row being written");
}
