namespace OrderCluster.GrainInterfaces.Fulfilment;

public enum ShipmentStatus
{
    Pending,
    Picking,
    Packed,
    Shipped,
    Delivered,
    Cancelled,
}

/// <summary>Where an order's goods are, over all its units: what the order's workflow status follows.</summary>
public enum FulfilmentStatus
{
    Unallocated,
    Backordered,
    Allocated,
    PartiallyShipped,
    Shipped,
    PartiallyDelivered,
    Delivered,
    Released,
}

/// <summary>
/// Units of one order line held in one warehouse. <see cref="UnitCost"/> was fixed when the stock was reserved (the
/// warehouse's effective-dated cost at that moment) and never changes afterwards.
/// </summary>
public sealed record Allocation
{
    public required string AllocationId { get; init; }

    public required string LineId { get; init; }

    public required string Sku { get; init; }

    public required string WarehouseId { get; init; }

    public int Quantity { get; init; }

    public decimal? UnitCost { get; init; }

    public string CostCurrency { get; init; } = "EUR";

    public DateOnly DispatchDate { get; init; }

    public required string Reason { get; init; }

    public string? ShipmentId { get; init; }

    public bool Released { get; init; }

    public DateTimeOffset AllocatedAt { get; init; }
}

public sealed record Backorder(string LineId, string Sku, int Quantity, string Reason);

public sealed record ShipmentLine(string AllocationId, string LineId, string Sku, int Quantity);

/// <summary>One parcel from one warehouse: <c>pending → picking → packed → shipped → delivered</c>; cancellable until shipped.</summary>
public sealed record Shipment
{
    public required string ShipmentId { get; init; }

    public required string WarehouseId { get; init; }

    public ImmutableArray<ShipmentLine> Lines { get; init; } = [];

    public ShipmentStatus Status { get; init; }

    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ShippedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public string? CancelReason { get; init; }
}

/// <summary>Revenue, cost and margin of one order line; cost and margin are known once every unit of the line is allocated.</summary>
public sealed record LineMargin
{
    public required string LineId { get; init; }

    public required string Sku { get; init; }

    public int Quantity { get; init; }

    public required Money Revenue { get; init; }

    public Money? Cost { get; init; }

    public Money? Margin { get; init; }

    public decimal? MarginPercent { get; init; }
}

public sealed record FulfilmentSnapshot
{
    public required string TenantId { get; init; }

    public required string OrderId { get; init; }

    public long Version { get; init; }

    public FulfilmentStatus Status { get; init; }

    public ImmutableArray<Allocation> Allocations { get; init; } = [];

    public ImmutableArray<Backorder> Backorders { get; init; } = [];

    public ImmutableArray<Shipment> Shipments { get; init; } = [];

    /// <summary>The latest sourcing plan, with the ranking and the reason for every allocation.</summary>
    public SourcingPlan? LastPlan { get; init; }

    public ImmutableArray<LineMargin> Margins { get; init; } = [];

    /// <summary>Known when every line's cost is known.</summary>
    public Money? OrderCost { get; init; }

    public Money? OrderMargin { get; init; }

    public decimal? OrderMarginPercent { get; init; }
}

/// <summary>
/// Sources the order's unallocated units (all of them at first, backorders later) and reserves them. Each fulfilment
/// command may carry <c>ExpectedVersion</c> (If-Match): a stale one is refused in the grain's turn, before anything moves.
/// </summary>
public sealed record AllocateOrder(Actor Actor, long? ExpectedVersion = null);

/// <summary>Groups allocations not yet in a shipment into one shipment per warehouse.</summary>
public sealed record CreateShipments(Actor Actor, long? ExpectedVersion = null);

/// <summary>Moves a shipment: <c>pick</c>, <c>pack</c>, <c>ship</c> (carrier and tracking number required), <c>deliver</c>, <c>cancel</c> (reason required).</summary>
public sealed record AdvanceShipment(Actor Actor, string ShipmentId, string Action, string? Carrier = null, string? TrackingNumber = null, string? Reason = null,
    long? ExpectedVersion = null);

/// <summary>Names of shipment actions.</summary>
public static class ShipmentActions
{
    public const string Pick = "pick";
    public const string Pack = "pack";
    public const string Ship = "ship";
    public const string Deliver = "deliver";
    public const string Cancel = "cancel";
}

/// <summary>
/// The fulfilment of one order, keyed <c>{tenant}/{orderId}</c>: allocations (sourcing with explanations and reserved
/// stock at a fixed cost), backorders, shipments per warehouse, margins. After every change it tells the order grain,
/// whose status follows the shipments (the least advanced unit decides; partial states are in
/// <see cref="FulfilmentStatus"/>).
/// </summary>
public interface IFulfilmentGrain : IGrainWithStringKey, IRemindable
{
    Task<FulfilmentSnapshot> AllocateAsync(AllocateOrder command);

    Task<FulfilmentSnapshot> CreateShipmentsAsync(CreateShipments command);

    Task<FulfilmentSnapshot> AdvanceShipmentAsync(AdvanceShipment command);

    /// <summary>
    /// Asks for reserved stock to be released because the order was cancelled. Interleaves with anything (it only
    /// schedules a durable timer), so an order grain may call it while this grain waits on the order.
    /// </summary>
    [AlwaysInterleave]
    Task ScheduleReleaseAsync(string reason);

    [ReadOnly]
    Task<FulfilmentSnapshot> GetAsync();
}
