namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>Where an order came from.</summary>
public enum ChannelKind
{
    Online,
    Phone,
    InStore,
    Marketplace,
}

/// <summary>Priorities in rising order: an SLA breach escalates one step up.</summary>
public enum OrderPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>An id of this order in another system (a marketplace, an ERP): <c>(System, Id)</c> pairs, unique per pair.</summary>
public sealed record ExternalReference(string System, string Id);

/// <summary>
/// The sales channel. A marketplace order names its marketplace (<see cref="MarketplaceName"/> is required
/// then, and only then); an in-store order may name its store.
/// </summary>
public sealed record SalesChannel
{
    public required ChannelKind Kind { get; init; }

    public string? MarketplaceName { get; init; }

    public string? StoreId { get; init; }

    public ImmutableArray<ExternalReference> ExternalReferences { get; init; } = [];

    public static SalesChannel Online() => new() { Kind = ChannelKind.Online };

    public static SalesChannel Phone() => new() { Kind = ChannelKind.Phone };

    public static SalesChannel Marketplace(string name, params ExternalReference[] references) =>
        new() { Kind = ChannelKind.Marketplace, MarketplaceName = name, ExternalReferences = [.. references] };
}

/// <summary>The customer an order belongs to: the customer grain's id, and the name and e-mail as they were at ordering time.</summary>
public sealed record CustomerRef
{
    public required string CustomerId { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }
}

/// <summary>A line as a command gives it. Amounts are in the order's currency; <see cref="Discount"/> is for the whole line.</summary>
public sealed record NewOrderLine
{
    public required string Sku { get; init; }

    /// <summary>The product name; the SKU when empty.</summary>
    public string Name { get; init; } = "";

    public required int Quantity { get; init; }

    public required decimal UnitPrice { get; init; }

    public decimal Discount { get; init; }

    /// <summary>Cost of goods per unit, for margin figures; unknown when null.</summary>
    public decimal? UnitCost { get; init; }
}

/// <summary>A line of an order, with its id within the order (<c>l1</c>, <c>l2</c>, ...; never reused).</summary>
public sealed record OrderLine
{
    public required string LineId { get; init; }

    public required string Sku { get; init; }

    public required string Name { get; init; }

    public int Quantity { get; init; }

    public decimal UnitPrice { get; init; }

    public decimal Discount { get; init; }

    public decimal? UnitCost { get; init; }

    public decimal Subtotal => Quantity * UnitPrice;

    public decimal Total => Subtotal - Discount;
}

/// <summary>How the order ships and what shipping costs the customer.</summary>
public sealed record ShippingSelection
{
    public required string Method { get; init; }

    public string? Carrier { get; init; }

    public decimal Price { get; init; }
}

/// <summary>
/// Totals of an order: <c>Total = Subtotal - Discount + Shipping</c>. <see cref="DiscountPercent"/> is the line
/// discounts as a share of the subtotal. Cost and margin are known when every line has a unit cost.
/// </summary>
public sealed record OrderTotals
{
    public required Money Subtotal { get; init; }

    public required Money Discount { get; init; }

    public required Money Shipping { get; init; }

    public required Money Total { get; init; }

    public decimal DiscountPercent { get; init; }

    public Money? Cost { get; init; }

    public Money? Margin { get; init; }
}
