using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.GrainInterfaces.Imports;

/// <summary>
/// Creates an order exported from another commerce system (migration import), keyed by the source's own order id
/// (<c>{tenant}/{SourceId}</c>). The order keeps the source's creation time and status (one of the tenant's workflow
/// states; no approval is evaluated and no SLA deadline starts for it). Importing is idempotent per source id: the
/// same content again answers the existing order (<c>Replayed</c>), other content is refused (<see cref="ImportErrorCodes.SourceIdConflict"/>).
/// </summary>
public sealed record ImportOrder : IOrderCommand
{
    public required Actor Actor { get; init; }

    /// <summary>Only null or 0 (create if absent) make sense here.</summary>
    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>The system the order comes from (e.g. <c>shopify</c>, <c>magento</c>): 1–64 letters, digits, <c>.</c>, <c>_</c>, <c>-</c>.</summary>
    public required string SourceSystem { get; init; }

    /// <summary>The source's order id; the imported order keeps it as its id.</summary>
    public required string SourceId { get; init; }

    /// <summary>A state of the tenant's current workflow definition.</summary>
    public required string Status { get; init; }

    /// <summary>When the source created the order (UTC); not in the future.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the source placed the order; not before <see cref="CreatedAt"/>.</summary>
    public DateTimeOffset? PlacedAt { get; init; }

    public required CustomerRef Customer { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string Currency { get; init; }

    public ImmutableArray<NewOrderLine> Lines { get; init; } = [];

    public required Address ShippingAddress { get; init; }

    /// <summary>Null: the same as the shipping address.</summary>
    public Address? BillingAddress { get; init; }

    public required ShippingSelection Shipping { get; init; }

    public ImmutableArray<string> Tags { get; init; } = [];

    public OrderPriority Priority { get; init; } = OrderPriority.Normal;
}

/// <summary>Where an imported order came from; kept on the order (<see cref="OrderSnapshot.Import"/>) and on its <see cref="OrderCreated"/> event.</summary>
public sealed record ImportSource
{
    public required string SourceSystem { get; init; }

    public required string SourceId { get; init; }

    /// <summary>When the source placed the order, if it said.</summary>
    public DateTimeOffset? PlacedAt { get; init; }

    /// <summary>When the order was imported (its creation time is the source's).</summary>
    public DateTimeOffset ImportedAt { get; init; }
}

/// <summary>Stable error codes of migration imports.</summary>
public static class ImportErrorCodes
{
    /// <summary>An order with the source id exists with other content (or was not imported): a row never makes a second order.</summary>
    public const string SourceIdConflict = "import-conflict";

    /// <summary>The status is not a state of the tenant's workflow.</summary>
    public const string UnknownStatus = "unknown-status";
}
