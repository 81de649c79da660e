namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// Assigns the order to a person (a user id, as actors carry it) or, with a null <see cref="Assignee"/>, unassigns it.
/// Allowed in every status but a final one; assigning the current assignee again changes nothing.
/// </summary>
public sealed record AssignOrder : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>The user id the order is assigned to; null unassigns it.</summary>
    public string? Assignee { get; init; }

    public string? Reason { get; init; }
}

/// <summary>The order's assignee changed (event type <c>order.assigned</c>); a null <see cref="To"/> means unassigned.</summary>
public sealed record OrderAssigned : OrderEvent
{
    public override string EventType => OrderEventTypes.OrderAssigned;

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Reason { get; init; }
}
