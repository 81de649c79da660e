namespace OrderCluster.GrainInterfaces.Orders;

public enum TimelineCategory
{
    Created,
    Status,
    Approval,
    Edit,
    Priority,
    Tags,
    Note,
    Communication,
    Attachment,
    Sla,
    Notification,
    Assignment,
    AfterSales,
    Automation,
}

/// <summary>
/// One line of an order's tracking timeline, read from its events: a title for people, details, and for edits
/// the audit highlights (the changed field paths).
/// </summary>
public sealed record TimelineEntry
{
    /// <summary>The event's sequence number.</summary>
    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public required Actor Actor { get; init; }

    public TimelineCategory Category { get; init; }

    public required string EventType { get; init; }

    public required string Title { get; init; }

    public string? Detail { get; init; }

    public ImmutableArray<string> Fields { get; init; } = [];
}
