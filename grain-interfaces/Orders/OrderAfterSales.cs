namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// The order's returns and refunds in short, as the returns grain last reported them (see <see cref="Returns.IReturnsGrain"/>
/// for the details): which returns exist, units received back, units still on their way back, and the amount refunded.
/// </summary>
public sealed record OrderAfterSalesSummary
{
    /// <summary>The returns grain's version this summary reflects (older reports are ignored).</summary>
    public long AfterSalesVersion { get; init; }

    public ImmutableArray<string> ReturnIds { get; init; } = [];

    public ImmutableArray<string> RefundIds { get; init; } = [];

    /// <summary>Units of received returns (the goods are back).</summary>
    public int ReturnedUnits { get; init; }

    /// <summary>Units of returns requested or approved and not received yet.</summary>
    public int PendingReturnUnits { get; init; }

    /// <summary>Refunds paid out (pending and rejected ones excluded), in the order's currency.</summary>
    public decimal RefundedAmount { get; init; }
}

/// <summary>What happened in after-sales; each kind is an order event of its own type.</summary>
public enum AfterSalesKind
{
    ReturnRequested,
    ReturnApproved,
    ReturnRejected,
    ReturnReceived,
    RefundRequested,
    Refunded,
    RefundRejected,
}

/// <summary>
/// Sent by the returns grain after each of its changes: the order records the summary and raises the event of
/// <see cref="Kind"/>. A report whose <see cref="AfterSalesVersion"/> is not newer than the recorded one is a resend and changes nothing.
/// Not a public API operation.
/// </summary>
public sealed record RecordAfterSales : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public long AfterSalesVersion { get; init; }

    public AfterSalesKind Kind { get; init; }

    public string? ReturnId { get; init; }

    public string? RefundId { get; init; }

    /// <summary>Units the step concerns (return steps).</summary>
    public int Units { get; init; }

    /// <summary>The amount the step concerns (refund steps).</summary>
    public decimal Amount { get; init; }

    public string Detail { get; init; } = "";

    public required OrderAfterSalesSummary Summary { get; init; }
}

/// <summary>
/// A return or refund step of the order. <see cref="ReturnedUnits"/> and <see cref="RefundedAmount"/> are the order's totals
/// after the step, so a reader can take the latest instead of adding steps up.
/// </summary>
public abstract record AfterSalesEvent : OrderEvent
{
    public string? ReturnId { get; init; }

    public string? RefundId { get; init; }

    public int Units { get; init; }

    public decimal Amount { get; init; }

    public string Detail { get; init; } = "";

    public int ReturnedUnits { get; init; }

    public decimal RefundedAmount { get; init; }
}

public sealed record ReturnRequestedEvent : AfterSalesEvent
{
    public override string EventType => OrderEventTypes.ReturnRequested;
}

public sealed record ReturnApprovedEvent : AfterSalesEvent
{
    public override string EventType => OrderEventTypes.ReturnApproved;
}

public sealed record ReturnRejectedEvent : AfterSalesEvent
{
    public override string EventType => OrderEventTypes.ReturnRejected;
}

public sealed record ReturnReceivedEvent : AfterSalesEvent
{
    public override string EventType => OrderEventTypes.ReturnReceived;
}

public sealed record RefundRequestedEvent : AfterSalesEvent
{
    public override string EventType => OrderEventTypes.RefundRequested;
}

public sealed record RefundIssuedEvent : AfterSalesEvent
{
    public override string EventType => OrderEventTypes.Refunded;
}

public sealed record RefundRejectedEvent : AfterSalesEvent
{
    public override string EventType => OrderEventTypes.RefundRejected;
}
