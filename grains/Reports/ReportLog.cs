using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Reports;

/// <summary>Log messages of saved reports and their delivery (event ids 6100–6119).</summary>
internal static partial class ReportLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Report {Tenant}/{ReportId}: delivery of {DueAt} sent to {Recipient} ({Rows} rows, {Bytes} bytes)")]
    public static partial void Delivered(ILogger logger, string tenant, string reportId, DateTimeOffset dueAt, string recipient, int rows, int bytes);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Report {Tenant}/{ReportId}: delivery of {DueAt} to {Recipient}, attempt {Attempt}, failed ({Error}); retry at {RetryAt}")]
    public static partial void DeliveryFailed(ILogger logger, string tenant, string reportId, DateTimeOffset dueAt, string recipient, int attempt, string error, DateTimeOffset? retryAt);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Report {Tenant}/{ReportId}: scheduled {Schedule}; next due {NextDueAt}")]
    public static partial void Scheduled(ILogger logger, string tenant, string reportId, string schedule, DateTimeOffset? nextDueAt);
}

/// <summary>Instruments of report delivery (meter <c>OrderCluster.Reports</c>).</summary>
internal static class ReportMetrics
{
    public static readonly System.Diagnostics.Metrics.Meter Meter = new("OrderCluster.Reports");

    public static readonly System.Diagnostics.Metrics.Counter<long> Delivered = Meter.CreateCounter<long>("ordercluster.reports.deliveries_sent", description: "scheduled report deliveries sent");

    public static readonly System.Diagnostics.Metrics.Counter<long> Failed = Meter.CreateCounter<long>("ordercluster.reports.deliveries_failed", description: "scheduled report delivery attempts that failed");

    public static readonly System.Diagnostics.Metrics.Histogram<double> RunDuration = Meter.CreateHistogram<double>("ordercluster.reports.delivery.duration", "ms", "time to run and send one scheduled report");
}
