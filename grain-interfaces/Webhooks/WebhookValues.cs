namespace OrderCluster.GrainInterfaces.Webhooks;

public enum WebhookStatus
{
    Active,
    Disabled,
}

/// <summary>
/// A webhook subscription as callers see it: never its secrets (those are returned once, by <see cref="WebhookSecretIssued"/>
/// at creation and rotation). <see cref="EventTypes"/> holds order event types (<c>order.created</c>, ...) or <c>*</c> for all.
/// </summary>
public sealed record WebhookSubscription
{
    public required string SubscriptionId { get; init; }

    public required string Url { get; init; }

    public ImmutableArray<string> EventTypes { get; init; } = [];

    public string? Description { get; init; }

    public WebhookStatus Status { get; init; }

    /// <summary>Why it is disabled: the sustained failure that disabled it automatically, or who disabled it.</summary>
    public string? DisabledReason { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>1 at creation, +1 per change (update, rotation, disabling).</summary>
    public long Version { get; init; }

    public DateTimeOffset SecretRotatedAt { get; init; }

    /// <summary>Until when deliveries are also signed with the secret before the last rotation; null when no overlap runs.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
}

/// <summary>The answer to a creation or a rotation: the only time the secret is shown.</summary>
public sealed record WebhookSecretIssued(WebhookSubscription Subscription, string Secret);

public sealed record CreateWebhook
{
    public required Actor Actor { get; init; }

    public required string Url { get; init; }

    public ImmutableArray<string> EventTypes { get; init; } = [];

    public string? Description { get; init; }
}

/// <summary>Changes what is given (null leaves it); <see cref="Active"/> true re-enables a disabled subscription and restarts its failure count.</summary>
public sealed record UpdateWebhook
{
    public required Actor Actor { get; init; }

    public required string SubscriptionId { get; init; }

    public string? Url { get; init; }

    public ImmutableArray<string>? EventTypes { get; init; }

    public string? Description { get; init; }

    public bool? Active { get; init; }

    public long? ExpectedVersion { get; init; }
}

/// <summary>A new secret; the old one keeps signing for <see cref="Overlap"/> (null: <c>Webhooks:SecretOverlap</c>, 24 h).</summary>
public sealed record RotateWebhookSecret(Actor Actor, string SubscriptionId, TimeSpan? Overlap);

public sealed record DeleteWebhook(Actor Actor, string SubscriptionId);

/// <summary>Disables a subscription after sustained failure (sent by its delivery grain).</summary>
public sealed record DisableWebhook(string SubscriptionId, string Reason);

/// <summary>What the stream consumer needs to route events: never secrets.</summary>
public sealed record WebhookRoute(string SubscriptionId, ImmutableArray<string> EventTypes, DateTimeOffset CreatedAt);

/// <summary>What the delivery grain needs to send: the address, the secrets to sign with, and whether it may send.</summary>
public sealed record WebhookTarget
{
    public required string SubscriptionId { get; init; }

    public required string Url { get; init; }

    public WebhookStatus Status { get; init; }

    /// <summary>Failures before this time do not count towards disabling (set at creation and on re-enabling).</summary>
    public DateTimeOffset EnabledSince { get; init; }

    public required string Secret { get; init; }

    public string? PreviousSecret { get; init; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
}

/// <summary>One order event for one subscription: what a delivery's body is made of.</summary>
public sealed record WebhookEvent
{
    public required string EventType { get; init; }

    public required string OrderId { get; init; }

    /// <summary>The per-order sequence number of the event (1, 2, 3, ...).</summary>
    public long Sequence { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The event as JSON (the <c>data</c> member of the body).</summary>
    public required string DataJson { get; init; }
}

public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>How an attempt came about: the first send, a scheduled retry, or a manual replay.</summary>
public enum WebhookAttemptTrigger
{
    Initial,
    Retry,
    Replay,
}

public sealed record WebhookAttempt
{
    public int Number { get; init; }

    public WebhookAttemptTrigger Trigger { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The receiver's HTTP status; null when no response came (connection refused, timeout).</summary>
    public int? StatusCode { get; init; }

    public bool Succeeded { get; init; }

    /// <summary>What went wrong: the exception message, or the start of a non-2xx response body.</summary>
    public string? Error { get; init; }

    public long DurationMs { get; init; }
}

/// <summary>One delivery of one event to one subscription, with every attempt; its body is fixed when it is created.</summary>
public sealed record WebhookDelivery
{
    public required string DeliveryId { get; init; }

    public required string EventType { get; init; }

    public required string OrderId { get; init; }

    public long Sequence { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public WebhookDeliveryStatus Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public ImmutableArray<WebhookAttempt> Attempts { get; init; } = [];

    /// <summary>Why the last attempt failed, or why sending stopped (subscription disabled or deleted).</summary>
    public string? LastError { get; init; }

    /// <summary>The raw JSON body, byte for byte what is signed and sent.</summary>
    public required string Body { get; init; }
}

/// <summary>Newest first; <see cref="Status"/> filters; at most <see cref="Limit"/> (1–500).</summary>
public sealed record WebhookDeliveryQuery
{
    public WebhookDeliveryStatus? Status { get; init; }

    public int Limit { get; init; } = 100;
}

/// <summary>Stable codes of webhook refusals.</summary>
public static class WebhookErrorCodes
{
    public const string NotFound = "webhook-not-found";
    public const string Disabled = "webhook-disabled";
    public const string DeliveryNotFound = "webhook-delivery-not-found";
    public const string DeliveryNotFailed = "webhook-delivery-not-failed";
}
