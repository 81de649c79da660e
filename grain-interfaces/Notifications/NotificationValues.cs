namespace OrderCluster.GrainInterfaces.Notifications;

public enum NotificationChannel
{
    Email,
    Sms,
    Webhook,
}

/// <summary>
/// A template for one event type and channel. <see cref="Subject"/>, <see cref="Body"/> and <see cref="Recipient"/>
/// take <c>{{variable}}</c> placeholders (<c>order.id</c>, <c>order.status</c>, <c>order.total</c>, <c>customer.name</c>,
/// <c>customer.email</c>, <c>shipment.tracking</c>, <c>event.*</c>, ...; see grains/README.md). Values are escaped for the
/// channel: HTML in e-mail bodies, JSON string escaping in webhook bodies, line breaks removed from subjects and SMS.
/// </summary>
public sealed record NotificationTemplate
{
    public required string TemplateId { get; init; }

    /// <summary>An order event type (<c>order.status-changed</c>, <c>order.fulfilment-changed</c>, ...) or a name automation rules send (<c>sla-breached</c>).</summary>
    public required string EventType { get; init; }

    public NotificationChannel Channel { get; init; }

    /// <summary>An e-mail address, phone number or HTTPS URL, or a placeholder such as <c>{{customer.email}}</c>.</summary>
    public required string Recipient { get; init; }

    public string Subject { get; init; } = "";

    public required string Body { get; init; }

    /// <summary>Send only when the event's <c>event.to</c> variable (e.g. the new status) equals this; any when null.</summary>
    public string? When { get; init; }
}

public sealed record NotificationTemplates
{
    public int Version { get; init; }

    public ImmutableArray<NotificationTemplate> Templates { get; init; } = [];

    public Actor? PublishedBy { get; init; }
}

/// <summary>Publishes a new version; with <see cref="ExpectedVersion"/>, only if the current version is still that one (else a version conflict).</summary>
public sealed record PublishNotificationTemplates(Actor Actor, ImmutableArray<NotificationTemplate> Templates, int? ExpectedVersion = null);

/// <summary>Asks an order's outbox to send the templates of <see cref="EventType"/>; <see cref="EventId"/> makes a resend a no-op.</summary>
public sealed record NotifyRequest
{
    public required string EventType { get; init; }

    public required string EventId { get; init; }

    public ImmutableSortedDictionary<string, string> Variables { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}

public enum NotificationStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>One message in an order's outbox and history.</summary>
public sealed record NotificationMessage
{
    public required string MessageId { get; init; }

    public required string TemplateId { get; init; }

    public required string EventType { get; init; }

    public required string EventId { get; init; }

    public NotificationChannel Channel { get; init; }

    public required string Recipient { get; init; }

    public string Subject { get; init; } = "";

    public required string Body { get; init; }

    public NotificationStatus Status { get; init; }

    public int Attempts { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }
}

/// <summary>A tenant's notification templates, keyed <c>{tenant}</c>, versioned (none by default).</summary>
public interface INotificationTemplatesGrain : IGrainWithStringKey
{
    Task<NotificationTemplates> PublishAsync(PublishNotificationTemplates command);

    [ReadOnly]
    Task<NotificationTemplates> GetCurrentAsync();
}

/// <summary>
/// The notification outbox of one order, keyed <c>{tenant}/{orderId}</c>: renders the templates of an event, keeps
/// each message before sending it, sends through the configured sender, retries failures with back-off on a durable
/// timer (<c>Notifications:MaxAttempts</c>), and is the order's history of what was sent.
/// </summary>
public interface INotificationOutboxGrain : IGrainWithStringKey, IRemindable
{
    Task<ImmutableArray<NotificationMessage>> NotifyAsync(NotifyRequest request);

    [ReadOnly]
    Task<ImmutableArray<NotificationMessage>> GetHistoryAsync();
}
