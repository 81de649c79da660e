namespace OrderCluster.GrainInterfaces.Warehouses;

/// <summary>
/// One warehouse, keyed <c>{tenant}/{warehouseId}</c>: per-SKU on-hand, reserved and available stock, per-order-line
/// reservations, effective-dated unit costs, daily dispatch capacity and cut-off. The grain is turn-based, so every
/// reservation sees the stock the previous one left: stock never goes negative and is never oversold.
/// </summary>
public interface IWarehouseGrain : IGrainWithStringKey
{
    Task<WarehouseSnapshot> ConfigureAsync(ConfigureWarehouse command);

    Task<StockLevel> ReceiveAsync(ReceiveStock command);

    Task<StockLevel> AdjustAsync(AdjustStock command);

    Task SetUnitCostAsync(SetUnitCost command);

    Task<ReservationResult> ReserveAsync(ReserveStock command);

    /// <summary>Reserves several lines of one order in one turn and one write; per-line results in the order of the command's lines.</summary>
    Task<ImmutableArray<LineReservation>> ReserveManyAsync(ReserveStockLines command);

    /// <summary>Releases reserved stock; returns the units released (0 when there was nothing to release: a repeat).</summary>
    Task<int> ReleaseAsync(ReleaseReservation command);

    Task<StockReservation> DispatchAsync(DispatchReservation command);

    Task<StockLevel> RestockAsync(RestockReturn command);

    [ReadOnly]
    Task<WarehouseSnapshot> GetAsync();

    [ReadOnly]
    Task<StockLevel> GetStockAsync(string sku);

    [ReadOnly]
    Task<WarehouseAvailability> GetAvailabilityAsync(ImmutableArray<string> skus);

    [ReadOnly]
    Task<ImmutableArray<StockReservation>> GetReservationsAsync(string orderId);

    /// <summary>The unit cost of <paramref name="sku"/> effective at <paramref name="at"/>; null when none is set.</summary>
    [ReadOnly]
    Task<decimal?> GetUnitCostAsync(string sku, DateTimeOffset at);

    /// <summary>The newest movements, newest first, at most <paramref name="maxCount"/>.</summary>
    [ReadOnly]
    Task<ImmutableArray<StockMovement>> GetMovementsAsync(int maxCount);
}

/// <summary>The warehouses of a tenant, keyed <c>{tenant}</c>: warehouses list themselves when configured; sourcing reads it.</summary>
public interface IWarehouseDirectoryGrain : IGrainWithStringKey
{
    Task RegisterAsync(string warehouseId, bool active);

    [ReadOnly]
    Task<ImmutableArray<string>> ListAsync(bool activeOnly);
}
