using System.Diagnostics.Metrics;

namespace OrderCluster.Grains.Analytics;

/// <summary>Instruments of analytics and forecasting (meter <c>OrderCluster.Analytics</c>), exported with the silo's metrics.</summary>
internal static class AnalyticsMetrics
{
    public static readonly Meter Meter = new("OrderCluster.Analytics");

    public static readonly Counter<long> EventsApplied = Meter.CreateCounter<long>("ordercluster.analytics.events_applied", description: "order events folded into KPIs");

    public static readonly Counter<long> DuplicatesDropped = Meter.CreateCounter<long>("ordercluster.analytics.duplicates_dropped", description: "redelivered order events ignored");

    public static readonly Counter<long> SnapshotReads = Meter.CreateCounter<long>("ordercluster.analytics.snapshot_reads", description: "order snapshots read for lines");

    public static readonly Counter<long> BatchFailures = Meter.CreateCounter<long>("ordercluster.analytics.batch_failures", description: "batches that failed and are redelivered");

    public static readonly Histogram<double> RefitDuration = Meter.CreateHistogram<double>("ordercluster.forecast.refit.duration", "ms", "time to fit a series' model");

    public static readonly Counter<long> RefitFailures = Meter.CreateCounter<long>("ordercluster.forecast.refit.failures", description: "model fits that threw");

    public static readonly Counter<long> ForecastsIssued = Meter.CreateCounter<long>("ordercluster.forecast.issued", description: "forecasts issued");
}
