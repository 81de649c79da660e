using System.Text.Json.Serialization;

namespace OrderCluster.GrainInterfaces.Orders;

public enum SlaStatus
{
    /// <summary>Running; neither warned nor ended.</summary>
    Pending,

    /// <summary>Running, past its warning time.</summary>
    Warned,

    /// <summary>Met: the order reached a meeting state before the deadline.</summary>
    Met,

    /// <summary>Missed: the deadline passed first (the order may have reached the meeting state later).</summary>
    Breached,

    /// <summary>No longer applies: the order ended (e.g. cancelled) without reaching a meeting state.</summary>
    Cancelled,
}

/// <summary>
/// One SLA deadline of an order (e.g. <c>approval</c>: approve within 2 h). Started when the order enters the
/// rule's start state, ended when it reaches a meeting state, breached when <see cref="DueAt"/> passes first.
/// Times are UTC; <see cref="BreachedAt"/> is the deadline itself, even when the breach was recorded late.
/// </summary>
public sealed record SlaDeadline
{
    /// <summary>Unique within the order: <c>{kind}-{n}</c>.</summary>
    public required string DeadlineId { get; init; }

    public required string Kind { get; init; }

    public SlaStatus Status { get; init; }

    public TimeSpan Within { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public DateTimeOffset WarnAt { get; init; }

    public DateTimeOffset? WarnedAt { get; init; }

    /// <summary>When the order reached a meeting state (also set on a breached deadline that was completed late).</summary>
    public DateTimeOffset? MetAt { get; init; }

    public DateTimeOffset? BreachedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    [JsonIgnore]
    public bool IsActive => Status is SlaStatus.Pending or SlaStatus.Warned;
}
