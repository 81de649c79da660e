using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Imports;

/// <summary>
/// A JSON migration import: <see cref="Orders"/> exported from <see cref="Source"/>. The body may also be the bare array
/// of orders (the source then comes from the <c>source</c> query parameter). Or send <c>text/csv</c> (see README).
/// </summary>
public sealed record ImportRequest
{
    /// <summary>The system the orders come from (default: the <c>source</c> query parameter, else <c>external</c>).</summary>
    public string? Source { get; init; }

    public ImmutableArray<ImportOrderRequest> Orders { get; init; } = [];
}

/// <summary>
/// One exported order. Every member is optional in the schema so a missing one is reported as a row error of this
/// order, never a refusal of the file; <see cref="Id"/>, status, createdAt, customer, channel, currency, lines,
/// shippingAddress and shipping are required.
/// </summary>
public sealed record ImportOrderRequest
{
    /// <summary>The source's order id; the order keeps it.</summary>
    public string? Id { get; init; }

    /// <summary>A state of the tenant's workflow (e.g. placed, shipped, closed, cancelled).</summary>
    public string? Status { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? PlacedAt { get; init; }

    public CustomerRef? Customer { get; init; }

    public SalesChannel? Channel { get; init; }

    public string? Currency { get; init; }

    public ImmutableArray<NewOrderLine> Lines { get; init; } = [];

    public Address? ShippingAddress { get; init; }

    public Address? BillingAddress { get; init; }

    public ShippingSelection? Shipping { get; init; }

    public ImmutableArray<string> Tags { get; init; } = [];

    public OrderPriority? Priority { get; init; }
}
