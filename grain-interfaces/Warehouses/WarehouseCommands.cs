namespace OrderCluster.GrainInterfaces.Warehouses;

/// <summary>
/// Creates or updates the warehouse's profile and lists it in the tenant's warehouse directory. Every command an
/// operator sends may carry <c>ExpectedVersion</c> (If-Match): the grain refuses a stale one in the same turn as the
/// change, so two writers holding the same ETag cannot both succeed; 0 means "not configured yet".
/// </summary>
public sealed record ConfigureWarehouse(Actor Actor, WarehouseProfile Profile, long? ExpectedVersion = null);

/// <summary>Goods arrived: on hand rises by <see cref="Quantity"/> (> 0).</summary>
public sealed record ReceiveStock(Actor Actor, string Sku, int Quantity, string? Reference = null, long? ExpectedVersion = null);

/// <summary>A stock count correction (positive or negative); refused if on hand would drop below zero or below what is reserved.</summary>
public sealed record AdjustStock(Actor Actor, string Sku, int Delta, string Reason, long? ExpectedVersion = null);

/// <summary>A unit cost of a SKU from <see cref="EffectiveFrom"/> on (effective-dated; later entries win from their date).</summary>
public sealed record SetUnitCost(Actor Actor, string Sku, decimal Cost, DateTimeOffset EffectiveFrom, long? ExpectedVersion = null);

/// <summary>Holds stock for one order line, all or nothing. Idempotent per <c>(OrderId, LineId)</c>.</summary>
public sealed record ReserveStock(string OrderId, string LineId, string Sku, int Quantity);

/// <summary>
/// Holds stock for several lines of one order in one call and one write. Each line is all or nothing on its own: a line
/// short of stock or dispatch capacity is refused in its <see cref="LineReservation"/> while the others are reserved.
/// Idempotent per <c>(OrderId, LineId)</c>, like <see cref="ReserveStock"/>.
/// </summary>
public sealed record ReserveStockLines(string OrderId, ImmutableArray<ReserveLine> Lines);

/// <summary>One line of <see cref="ReserveStockLines"/>.</summary>
public sealed record ReserveLine(string LineId, string Sku, int Quantity);

/// <summary>
/// The outcome of one line of <see cref="ReserveStockLines"/>: <see cref="Result"/> when reserved (or replayed), otherwise the
/// refusal's <see cref="Code"/> (insufficient stock or no dispatch capacity) and <see cref="Reason"/>.
/// </summary>
public sealed record LineReservation(string LineId, ReservationResult? Result, string? Code = null, string? Reason = null);

/// <summary>Returns reserved (not yet shipped) stock of an order: one line, or every line when <see cref="LineId"/> is null.</summary>
public sealed record ReleaseReservation(string OrderId, string? LineId, string Reason);

/// <summary>The reserved units of an order line left the building: on hand and reserved both fall.</summary>
public sealed record DispatchReservation(string OrderId, string LineId, int Quantity);

/// <summary>Returned goods in sellable condition come back on hand.</summary>
public sealed record RestockReturn(Actor Actor, string Sku, int Quantity, string Reference);
