using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Grains.Warehouses;

/// <summary>
/// The persisted warehouse, replaced whole by each change, so it is kept bounded by open work: <see cref="Reservations"/>
/// holds open reservations only (keyed <c>{orderId}/{lineId}</c>, so a repeated reservation of a line finds the first one);
/// a shipped one moves to <see cref="Shipped"/>, a compact record kept for a window (see <see cref="ShippedKeys"/>) so
/// that a replayed dispatch or reserve of it is answered, not applied again. The journal keeps the newest movements only.
/// </summary>
public sealed record WarehouseState
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>0 until configured; +1 per change.</summary>
    public long Version { get; init; }

    public WarehouseProfile? Profile { get; init; }

    public ImmutableSortedDictionary<string, StockLevel> Stock { get; init; } = ImmutableSortedDictionary<string, StockLevel>.Empty;

    public ImmutableSortedDictionary<string, StockReservation> Reservations { get; init; } = ImmutableSortedDictionary<string, StockReservation>.Empty;

    /// <summary>Recently shipped reservations by key, pruned by <see cref="ShippedKeys"/>.</summary>
    public ImmutableSortedDictionary<string, ShippedReservation> Shipped { get; init; } = ImmutableSortedDictionary<string, ShippedReservation>.Empty;

    public ImmutableSortedDictionary<string, ImmutableArray<UnitCostEntry>> Costs { get; init; } = ImmutableSortedDictionary<string, ImmutableArray<UnitCostEntry>>.Empty;

    /// <summary>Units booked for dispatch per day (<c>yyyy-MM-dd</c>); days before today are dropped.</summary>
    public ImmutableSortedDictionary<string, int> Booked { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public ImmutableList<StockMovement> Movements { get; init; } = [];

    public long LastMovement { get; init; }
}

/// <summary>What is kept of a shipped reservation: enough to recognise a replay of its reserve or dispatch.</summary>
public sealed record ShippedReservation(string Sku, int Quantity, DateTimeOffset ShippedAt);
