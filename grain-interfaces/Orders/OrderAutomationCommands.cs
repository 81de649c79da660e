namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// Puts the order into the approval flow although no approval rule matched (an automation rule's "require approval"):
/// a new approval round with one level moves it to the workflow's pending state, where it waits to be approved (then it
/// moves on to the approved state) or rejected. Allowed while the order is in the workflow's approval trigger state or
/// approved state, i.e. before fulfilment starts; refused with the reason otherwise.
/// </summary>
public sealed record RequireApproval : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>The name of one of the workflow's approval levels; null for its first level.</summary>
    public string? Level { get; init; }

    public required string Reason { get; init; }
}

/// <summary>
/// Raises an <see cref="AutomationWebhookRequested"/> event on the order, so that the tenant's webhook subscriptions to
/// <c>automation.webhook</c> (or <c>*</c>) receive it through the webhook delivery (signed, retried, logged).
/// </summary>
public sealed record RequestAutomationWebhook : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string RuleId { get; init; }

    public string RuleName { get; init; } = "";

    /// <summary>The step's value: a topic the receiver routes on (e.g. <c>erp-sync</c>).</summary>
    public required string Topic { get; init; }

    public required string TriggerEventType { get; init; }

    public long TriggerSequence { get; init; }
}

/// <summary>An automation rule asked for a webhook call (event type <c>automation.webhook</c>): delivered to the subscriptions of that type.</summary>
public sealed record AutomationWebhookRequested : OrderEvent
{
    public override string EventType => OrderEventTypes.AutomationWebhook;

    public string RuleId { get; init; } = "";

    public string RuleName { get; init; } = "";

    public string Topic { get; init; } = "";

    /// <summary>The event that triggered the rule: its type and sequence number on this order.</summary>
    public string TriggerEventType { get; init; } = "";

    public long TriggerSequence { get; init; }
}
