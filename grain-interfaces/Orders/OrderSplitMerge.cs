namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>Units of one line to move into the new order.</summary>
public sealed record SplitLine(string LineId, int Quantity);

/// <summary>
/// Splits an order: the named units (whole lines, or part of a line's quantity) move into a new order
/// (<see cref="NewOrderId"/>, default <c>{orderId}-s{n}</c>) with the same customer, addresses, channel, tags and
/// priority, which is created and placed; the original keeps the rest. Both carry a link to the other.
/// Allowed while the order is editable (before allocation); at least one unit stays.
/// </summary>
public sealed record SplitOrder : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public ImmutableArray<SplitLine> Lines { get; init; } = [];

    public string? NewOrderId { get; init; }
}

/// <summary>
/// Merges this order into <see cref="TargetOrderId"/>: same customer, shipping address and currency, both editable. The
/// target takes the lines (approval re-evaluated on its new content); this order is cancelled as merged. Both link.
/// </summary>
public sealed record MergeOrder : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string TargetOrderId { get; init; }
}

/// <summary>What the merge target receives from the source (sent by the source order grain; not a public API operation).</summary>
public sealed record AbsorbMergedOrder : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string SourceOrderId { get; init; }

    public required CustomerRef Customer { get; init; }

    public required Address ShippingAddress { get; init; }

    public required string Currency { get; init; }

    public ImmutableArray<OrderLine> Lines { get; init; } = [];
}

public static class OrderLinkKinds
{
    public const string SplitInto = "split-into";
    public const string SplitFrom = "split-from";
    public const string MergedInto = "merged-into";
    public const string MergedFrom = "merged-from";
}

/// <summary>A link to a related order (split or merge), with when it was made.</summary>
public sealed record OrderLink(string Kind, string OrderId, DateTimeOffset At);

/// <summary>The order was split or merged (event type <c>order.split</c> / <c>order.merged</c>).</summary>
public sealed record OrderSplit : OrderEvent
{
    public override string EventType => OrderEventTypes.OrderSplit;

    public string NewOrderId { get; init; } = "";

    public ImmutableArray<SplitLine> Lines { get; init; } = [];
}

public sealed record OrderMerged : OrderEvent
{
    public override string EventType => OrderEventTypes.OrderMerged;

    /// <summary><see cref="OrderLinkKinds.MergedInto"/> on the source, <see cref="OrderLinkKinds.MergedFrom"/> on the target.</summary>
    public string Kind { get; init; } = "";

    public string OtherOrderId { get; init; } = "";

    public int LineCount { get; init; }
}
