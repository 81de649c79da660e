using System.Diagnostics.Metrics;

namespace OrderCluster.Grains.Webhooks;

/// <summary>Instruments of webhook delivery (meter <c>OrderCluster.Webhooks</c>), exported with the silo's metrics.</summary>
internal static class WebhookMetrics
{
    public static readonly Meter Meter = new("OrderCluster.Webhooks");

    public static readonly Counter<long> DeliveriesEnqueued = Meter.CreateCounter<long>("ordercluster.webhooks.deliveries_enqueued", description: "deliveries created from order events");

    public static readonly Counter<long> AttemptsSucceeded = Meter.CreateCounter<long>("ordercluster.webhooks.deliveries_succeeded", description: "delivery attempts the receiver answered with 2xx");

    public static readonly Counter<long> AttemptsFailed = Meter.CreateCounter<long>("ordercluster.webhooks.deliveries_failed", description: "delivery attempts that failed (non-2xx, timeout, connection error)");

    public static readonly Counter<long> DeliveriesGivenUp = Meter.CreateCounter<long>("ordercluster.webhooks.deliveries_given_up", description: "deliveries marked failed after their last attempt");

    public static readonly Counter<long> SubscriptionsDisabled = Meter.CreateCounter<long>("ordercluster.webhooks.subscriptions_disabled", description: "subscriptions disabled after sustained failure");

    public static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram<double>("ordercluster.webhooks.attempt.duration", "ms", "time of one delivery attempt");
}
