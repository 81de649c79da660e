namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// One field's value before and after a change. <see cref="Path"/> names the field the way API clients address
/// it: <c>status</c>, <c>priority</c>, <c>lines[2].quantity</c>, <c>customFields.giftWrap</c>,
/// <c>notes[n4].text</c>, <c>sla[shipping-1].status</c>. Values are canonical text (invariant numbers, ISO 8601
/// times, <c>true</c>/<c>false</c>); null means absent.
/// </summary>
public sealed record FieldChange(string Path, string? Before, string? After);

/// <summary>
/// One change to an order: who, when, which named action, and every field it changed. Entry <see cref="Sequence"/>
/// is the order version the change produced, so versions and audit entries correspond one to one. Immutable.
/// </summary>
public sealed record AuditEntry
{
    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public required Actor Actor { get; init; }

    public required string Action { get; init; }

    public ImmutableArray<FieldChange> Changes { get; init; } = [];

    /// <summary>The sequence numbers of the events the change raised.</summary>
    public ImmutableArray<long> EventSequences { get; init; } = [];
}
