using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Webhooks;

/// <summary>Log messages of the webhook grains (event ids 5700–5749).</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 5700, Level = LogLevel.Information, Message = "Webhook {Tenant}/{SubscriptionId} created for {EventTypes}")]
    public static partial void Created(ILogger logger, string tenant, string subscriptionId, string eventTypes);

    [LoggerMessage(EventId = 5701, Level = LogLevel.Information, Message = "Webhook {Tenant}/{SubscriptionId}: secret rotated; the previous one signs until {ExpiresAt}")]
    public static partial void SecretRotated(ILogger logger, string tenant, string subscriptionId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 5702, Level = LogLevel.Warning, Message = "Webhook {Tenant}/{SubscriptionId} disabled: {Reason}")]
    public static partial void Disabled(ILogger logger, string tenant, string subscriptionId, string reason);

    [LoggerMessage(EventId = 5703, Level = LogLevel.Information, Message = "Webhook {Tenant}/{SubscriptionId} deleted")]
    public static partial void Deleted(ILogger logger, string tenant, string subscriptionId);

    [LoggerMessage(EventId = 5710, Level = LogLevel.Debug, Message = "Webhook {DeliveryGrain}: delivery {DeliveryId} ({EventType}) attempt {Attempt} succeeded with {StatusCode} in {DurationMs} ms")]
    public static partial void AttemptSucceeded(ILogger logger, string deliveryGrain, string deliveryId, string eventType, int attempt, int statusCode, long durationMs);

    [LoggerMessage(EventId = 5711, Level = LogLevel.Warning, Message = "Webhook {DeliveryGrain}: delivery {DeliveryId} ({EventType}) attempt {Attempt} failed ({StatusCode}: {Error}); next attempt {NextAttemptAt}")]
    public static partial void AttemptFailed(ILogger logger, string deliveryGrain, string deliveryId, string eventType, int attempt, int? statusCode, string? error, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(EventId = 5712, Level = LogLevel.Information, Message = "Webhook {DeliveryGrain}: {Count} pending deliveries stopped: {Reason}")]
    public static partial void PendingStopped(ILogger logger, string deliveryGrain, int count, string reason);

    [LoggerMessage(EventId = 5713, Level = LogLevel.Information, Message = "Webhook {DeliveryGrain}: delivery {DeliveryId} replayed")]
    public static partial void Replayed(ILogger logger, string deliveryGrain, string deliveryId);

    [LoggerMessage(EventId = 5720, Level = LogLevel.Warning, Message = "Webhooks {Tenant}: batch of {Events} order events failed; it is redelivered")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string tenant, int events);
}
