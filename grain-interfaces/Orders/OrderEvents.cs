using System.Text.Json.Serialization;

namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// A business event of one order. <see cref="Sequence"/> numbers an order's events 1, 2, 3, ... without gaps;
/// events are committed with the order's state (the order keeps them as its outbox, which the streams issue
/// publishes from) and the timeline is read from them. <see cref="OrderVersion"/> is the version the change
/// that raised the event produced; one change may raise several events.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OrderCreated), OrderEventTypes.OrderCreated)]
[JsonDerivedType(typeof(OrderStatusChanged), OrderEventTypes.StatusChanged)]
[JsonDerivedType(typeof(ApprovalRequested), OrderEventTypes.ApprovalRequested)]
[JsonDerivedType(typeof(ApprovalGranted), OrderEventTypes.ApprovalGranted)]
[JsonDerivedType(typeof(ApprovalRejected), OrderEventTypes.ApprovalRejected)]
[JsonDerivedType(typeof(OrderEdited), OrderEventTypes.OrderEdited)]
[JsonDerivedType(typeof(PriorityChanged), OrderEventTypes.PriorityChanged)]
[JsonDerivedType(typeof(TagsChanged), OrderEventTypes.TagsChanged)]
[JsonDerivedType(typeof(NoteAdded), OrderEventTypes.NoteAdded)]
[JsonDerivedType(typeof(NoteEdited), OrderEventTypes.NoteEdited)]
[JsonDerivedType(typeof(CommunicationLogged), OrderEventTypes.CommunicationLogged)]
[JsonDerivedType(typeof(AttachmentAdded), OrderEventTypes.AttachmentAdded)]
[JsonDerivedType(typeof(AttachmentRemoved), OrderEventTypes.AttachmentRemoved)]
[JsonDerivedType(typeof(SlaDeadlineStarted), OrderEventTypes.SlaDeadlineStarted)]
[JsonDerivedType(typeof(SlaDeadlineRescheduled), OrderEventTypes.SlaDeadlineRescheduled)]
[JsonDerivedType(typeof(SlaDeadlineMet), OrderEventTypes.SlaDeadlineMet)]
[JsonDerivedType(typeof(SlaDeadlineCancelled), OrderEventTypes.SlaDeadlineCancelled)]
[JsonDerivedType(typeof(SlaWarningRaised), OrderEventTypes.SlaWarningRaised)]
[JsonDerivedType(typeof(SlaBreached), OrderEventTypes.SlaBreached)]
[JsonDerivedType(typeof(NotificationRequested), OrderEventTypes.NotificationRequested)]
[JsonDerivedType(typeof(FulfilmentChanged), OrderEventTypes.FulfilmentChanged)]
[JsonDerivedType(typeof(OrderSplit), OrderEventTypes.OrderSplit)]
[JsonDerivedType(typeof(OrderMerged), OrderEventTypes.OrderMerged)]
[JsonDerivedType(typeof(OrderArchived), OrderEventTypes.OrderArchived)]
[JsonDerivedType(typeof(OrderRestored), OrderEventTypes.OrderRestored)]
[JsonDerivedType(typeof(OrderAssigned), OrderEventTypes.OrderAssigned)]
[JsonDerivedType(typeof(ReturnRequestedEvent), OrderEventTypes.ReturnRequested)]
[JsonDerivedType(typeof(ReturnApprovedEvent), OrderEventTypes.ReturnApproved)]
[JsonDerivedType(typeof(ReturnRejectedEvent), OrderEventTypes.ReturnRejected)]
[JsonDerivedType(typeof(ReturnReceivedEvent), OrderEventTypes.ReturnReceived)]
[JsonDerivedType(typeof(RefundRequestedEvent), OrderEventTypes.RefundRequested)]
[JsonDerivedType(typeof(RefundIssuedEvent), OrderEventTypes.Refunded)]
[JsonDerivedType(typeof(RefundRejectedEvent), OrderEventTypes.RefundRejected)]
[JsonDerivedType(typeof(AutomationWebhookRequested), OrderEventTypes.AutomationWebhook)]
public abstract record OrderEvent
{
    public long Sequence { get; init; }

    public long OrderVersion { get; init; }

    public string TenantId { get; init; } = "";

    public string OrderId { get; init; } = "";

    public DateTimeOffset OccurredAt { get; init; }

    public Actor Actor { get; init; } = Actor.System;

    /// <summary>The named action of the change that raised it (<c>create</c>, <c>approve</c>, <c>add-note</c>, <c>sla-timer</c>, ...).</summary>
    public string Action { get; init; } = "";

    /// <summary>The discriminator written as <c>type</c> (webhook event type).</summary>
    [JsonIgnore]
    public abstract string EventType { get; }
}

/// <summary>Event type names: the <c>type</c> member of every event, and webhook event types. Stable.</summary>
public static class OrderEventTypes
{
    public const string OrderCreated = "order.created";
    public const string StatusChanged = "order.status-changed";
    public const string ApprovalRequested = "order.approval-requested";
    public const string ApprovalGranted = "order.approval-granted";
    public const string ApprovalRejected = "order.approval-rejected";
    public const string OrderEdited = "order.edited";
    public const string PriorityChanged = "order.priority-changed";
    public const string TagsChanged = "order.tags-changed";
    public const string NoteAdded = "order.note-added";
    public const string NoteEdited = "order.note-edited";
    public const string CommunicationLogged = "order.communication-logged";
    public const string AttachmentAdded = "order.attachment-added";
    public const string AttachmentRemoved = "order.attachment-removed";
    public const string SlaDeadlineStarted = "order.sla-started";
    public const string SlaDeadlineRescheduled = "order.sla-rescheduled";
    public const string SlaDeadlineMet = "order.sla-met";
    public const string SlaDeadlineCancelled = "order.sla-cancelled";
    public const string SlaWarningRaised = "order.sla-warning";
    public const string SlaBreached = "order.sla-breached";
    public const string NotificationRequested = "order.notification-requested";
    public const string FulfilmentChanged = "order.fulfilment-changed";
    public const string OrderSplit = "order.split";
    public const string OrderMerged = "order.merged";
    public const string OrderArchived = "order.archived";
    public const string OrderRestored = "order.restored";
    public const string OrderAssigned = "order.assigned";
    public const string ReturnRequested = "order.return-requested";
    public const string ReturnApproved = "order.return-approved";
    public const string ReturnRejected = "order.return-rejected";
    public const string ReturnReceived = "order.return-received";
    public const string RefundRequested = "order.refund-requested";
    public const string Refunded = "order.refunded";
    public const string RefundRejected = "order.refund-rejected";

    /// <summary>An automation rule's webhook step (see <see cref="AutomationWebhookRequested"/>).</summary>
    public const string AutomationWebhook = "automation.webhook";
}

public sealed record OrderCreated : OrderEvent
{
    public override string EventType => OrderEventTypes.OrderCreated;

    public string CustomerId { get; init; } = "";

    public ChannelKind Channel { get; init; }

    public string? MarketplaceName { get; init; }

    public string? ClientReference { get; init; }

    public Money Total { get; init; } = Money.Zero("XXX");

    public int LineCount { get; init; }

    public OrderPriority Priority { get; init; }

    public int WorkflowVersion { get; init; }

    /// <summary>Set when the order was imported from another system (action <c>import</c>); its creation time is <see cref="Imports.ImportSource"/>'s, not the event's.</summary>
    public Imports.ImportSource? Import { get; init; }
}

public sealed record OrderStatusChanged : OrderEvent
{
    public override string EventType => OrderEventTypes.StatusChanged;

    public string? From { get; init; }

    public string To { get; init; } = "";

    /// <summary>The workflow action that moved it (<c>place</c>, <c>hold</c>, <c>auto-approve</c>, ...).</summary>
    public string Transition { get; init; } = "";

    public string? Reason { get; init; }

    /// <summary>Whether <see cref="To"/> is the workflow's hold state (analytics counts held orders as needing correction).</summary>
    public bool OnHold { get; init; }

    /// <summary>
    /// What <see cref="To"/> stands for in the order's workflow, so readers (analytics) need not know its status names;
    /// null on events recorded before it was carried, and on imports: those are read by the default workflow's names.
    /// </summary>
    public OrderStatusMeaning? Meaning { get; init; }
}

/// <summary>What a workflow status stands for, whatever the tenant named it.</summary>
public sealed record OrderStatusMeaning
{
    /// <summary>Entered by the workflow's place action.</summary>
    public bool Placed { get; init; }

    /// <summary>The fulfilment stage the status is (its state's stage, or by the default names when the workflow names none).</summary>
    public Tenants.FulfilmentStage? Stage { get; init; }

    /// <summary>A cancellation state.</summary>
    public bool Cancelled { get; init; }

    public bool Terminal { get; init; }
}

public sealed record ApprovalRequested : OrderEvent
{
    public override string EventType => OrderEventTypes.ApprovalRequested;

    public int Round { get; init; }

    public ImmutableArray<string> Levels { get; init; } = [];

    public ImmutableArray<string> Rules { get; init; } = [];

    public ImmutableArray<string> Reasons { get; init; } = [];
}

public sealed record ApprovalGranted : OrderEvent
{
    public override string EventType => OrderEventTypes.ApprovalGranted;

    public int Round { get; init; }

    public string Level { get; init; } = "";

    public string? Comment { get; init; }

    /// <summary>Levels still waiting after this one; empty when the order is now approved.</summary>
    public ImmutableArray<string> RemainingLevels { get; init; } = [];
}

public sealed record ApprovalRejected : OrderEvent
{
    public override string EventType => OrderEventTypes.ApprovalRejected;

    public int Round { get; init; }

    public string Level { get; init; } = "";

    public string Reason { get; init; } = "";
}

/// <summary>Content changed (lines, addresses, shipping, custom fields): the audit highlights name the fields.</summary>
public sealed record OrderEdited : OrderEvent
{
    public override string EventType => OrderEventTypes.OrderEdited;

    public ImmutableArray<string> Fields { get; init; } = [];

    public Money? Total { get; init; }
}

public sealed record PriorityChanged : OrderEvent
{
    public override string EventType => OrderEventTypes.PriorityChanged;

    public OrderPriority From { get; init; }

    public OrderPriority To { get; init; }

    public string? Reason { get; init; }
}

public sealed record TagsChanged : OrderEvent
{
    public override string EventType => OrderEventTypes.TagsChanged;

    public ImmutableArray<string> Added { get; init; } = [];

    public ImmutableArray<string> Removed { get; init; } = [];
}

public sealed record NoteAdded : OrderEvent
{
    public override string EventType => OrderEventTypes.NoteAdded;

    public string NoteId { get; init; } = "";

    public NoteVisibility Visibility { get; init; }
}

public sealed record NoteEdited : OrderEvent
{
    public override string EventType => OrderEventTypes.NoteEdited;

    public string NoteId { get; init; } = "";

    public NoteVisibility Visibility { get; init; }
}

public sealed record CommunicationLogged : OrderEvent
{
    public override string EventType => OrderEventTypes.CommunicationLogged;

    public string CommunicationId { get; init; } = "";

    public CommunicationKind Kind { get; init; }

    public CommunicationDirection Direction { get; init; }

    public string Party { get; init; } = "";

    public string? Subject { get; init; }
}

public sealed record AttachmentAdded : OrderEvent
{
    public override string EventType => OrderEventTypes.AttachmentAdded;

    public string AttachmentId { get; init; } = "";

    public string FileName { get; init; } = "";

    public string ContentType { get; init; } = "";

    public long SizeBytes { get; init; }

    public string Sha256 { get; init; } = "";
}

public sealed record AttachmentRemoved : OrderEvent
{
    public override string EventType => OrderEventTypes.AttachmentRemoved;

    public string AttachmentId { get; init; } = "";

    public string FileName { get; init; } = "";

    public string? Reason { get; init; }
}

/// <summary>Base of the SLA events: which deadline.</summary>
public abstract record SlaEvent : OrderEvent
{
    public string DeadlineId { get; init; } = "";

    public string Kind { get; init; } = "";

    public DateTimeOffset DueAt { get; init; }
}

public sealed record SlaDeadlineStarted : SlaEvent
{
    public override string EventType => OrderEventTypes.SlaDeadlineStarted;

    public DateTimeOffset WarnAt { get; init; }
}

public sealed record SlaDeadlineRescheduled : SlaEvent
{
    public override string EventType => OrderEventTypes.SlaDeadlineRescheduled;

    public DateTimeOffset PreviousDueAt { get; init; }

    public DateTimeOffset WarnAt { get; init; }
}

public sealed record SlaDeadlineMet : SlaEvent
{
    public override string EventType => OrderEventTypes.SlaDeadlineMet;

    public DateTimeOffset MetAt { get; init; }
}

public sealed record SlaDeadlineCancelled : SlaEvent
{
    public override string EventType => OrderEventTypes.SlaDeadlineCancelled;
}

/// <summary>The warning fraction of a deadline passed. <see cref="WarnAt"/> is when it was due (also when recorded late).</summary>
public sealed record SlaWarningRaised : SlaEvent
{
    public override string EventType => OrderEventTypes.SlaWarningRaised;

    public DateTimeOffset WarnAt { get; init; }
}

/// <summary>A deadline passed before the order met it; <see cref="SlaEvent.DueAt"/> is when (also when recorded late).</summary>
public sealed record SlaBreached : SlaEvent
{
    public override string EventType => OrderEventTypes.SlaBreached;

    /// <summary>The priority the breach escalated to; null when it did not escalate.</summary>
    public OrderPriority? EscalatedTo { get; init; }
}

/// <summary>A request for the notification service (a later issue) to tell people something, e.g. an SLA breach to order managers.</summary>
public sealed record NotificationRequested : OrderEvent
{
    public override string EventType => OrderEventTypes.NotificationRequested;

    /// <summary>The notification template, e.g. <c>sla-breached</c>.</summary>
    public string Template { get; init; } = "";

    /// <summary>Who should be told: a role.</summary>
    public string AudienceRole { get; init; } = "";

    public string Subject { get; init; } = "";
}

/// <summary>The order was archived by its tenant's rule (<see cref="Rule"/> describes it).</summary>
public sealed record OrderArchived : OrderEvent
{
    public override string EventType => OrderEventTypes.OrderArchived;

    public string Rule { get; init; } = "";
}

public sealed record OrderRestored : OrderEvent
{
    public override string EventType => OrderEventTypes.OrderRestored;

    public string Reason { get; init; } = "";
}
