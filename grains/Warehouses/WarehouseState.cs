using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Grains.Warehouses;

/// <summary>
/// The persisted warehouse, replaced whole by each change. Reservations are keyed <c>{orderId}/{lineId}</c>, so a
/// repeated reservation of a line finds the first one. The journal keeps the newest movements only.
/// </summary>
public sealed record WarehouseState
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>0 until configured; +1 per change.</summary>
    public long Version { get; init; }

    public WarehouseProfile? Profile { get; init; }

    public ImmutableSortedDictionary<string, StockLevel> Stock { get; init; } = ImmutableSortedDictionary<string, StockLevel>.Empty;

    public ImmutableSortedDictionary<string, StockReservation> Reservations { get; init; } = ImmutableSortedDictionary<string, StockReservation>.Empty;

    public ImmutableSortedDictionary<string, ImmutableArray<UnitCostEntry>> Costs { get; init; } = ImmutableSortedDictionary<string, ImmutableArray<UnitCostEntry>>.Empty;

    /// <summary>Units booked for dispatch per day (<c>yyyy-MM-dd</c>); days before today are dropped.</summary>
    public ImmutableSortedDictionary<string, int> Booked { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public ImmutableList<StockMovement> Movements { get; init; } = [];

    public long LastMovement { get; init; }
}
