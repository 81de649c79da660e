namespace OrderCluster.GrainInterfaces.Warehouses;

/// <summary>
/// Where a warehouse is and what it can do. Location drives "nearest" sourcing: the same <see cref="Zones"/> entry
/// (a postal-code prefix) is nearest, then the same <see cref="Region"/>, then the same country. Lower
/// <see cref="Priority"/> numbers are preferred. <see cref="DailyCapacity"/> is units dispatched per day (0: no limit);
/// orders reserved after <see cref="CutOffUtc"/> dispatch the next day.
/// </summary>
public sealed record WarehouseProfile
{
    public required string Name { get; init; }

    public required string CountryCode { get; init; }

    public string? Region { get; init; }

    public ImmutableArray<string> Zones { get; init; } = [];

    public int Priority { get; init; } = 100;

    public int DailyCapacity { get; init; }

    public TimeOnly CutOffUtc { get; init; } = new(16, 0);

    /// <summary>The currency of unit costs.</summary>
    public string CostCurrency { get; init; } = "EUR";

    public bool Active { get; init; } = true;
}

/// <summary>Stock of one SKU: <c>Available = OnHand - Reserved</c>; never negative, reserved never above on hand.</summary>
public sealed record StockLevel
{
    public required string Sku { get; init; }

    public int OnHand { get; init; }

    public int Reserved { get; init; }

    public int Available => OnHand - Reserved;
}

/// <summary>A unit cost of a SKU in a warehouse from <see cref="EffectiveFrom"/> until the next entry.</summary>
public sealed record UnitCostEntry(DateTimeOffset EffectiveFrom, decimal Cost);

public enum ReservationStatus
{
    Reserved,
    Shipped,
}

/// <summary>
/// Stock held for one order line (<see cref="Key"/> = <c>{orderId}/{lineId}</c>). The unit cost is fixed when the
/// stock is reserved (allocation), from the SKU's effective-dated cost at that moment.
/// </summary>
public sealed record StockReservation
{
    public required string Key { get; init; }

    public required string OrderId { get; init; }

    public required string LineId { get; init; }

    public required string Sku { get; init; }

    public int Quantity { get; init; }

    public decimal? UnitCost { get; init; }

    public string CostCurrency { get; init; } = "EUR";

    public DateOnly DispatchDate { get; init; }

    public ReservationStatus Status { get; init; }

    public DateTimeOffset ReservedAt { get; init; }
}

/// <summary>The answer to a reservation; <see cref="Replayed"/> when the order line already held it.</summary>
public sealed record ReservationResult
{
    public required StockReservation Reservation { get; init; }

    public int AvailableAfter { get; init; }

    public bool Replayed { get; init; }
}

/// <summary>What sourcing reads of a warehouse: its profile and, per asked SKU, availability and today's unit cost.</summary>
public sealed record WarehouseAvailability
{
    public required string WarehouseId { get; init; }

    public required WarehouseProfile Profile { get; init; }

    public ImmutableArray<SkuAvailability> Skus { get; init; } = [];
}

public sealed record SkuAvailability(string Sku, int Available, decimal? UnitCost);

/// <summary>One stock movement, numbered per warehouse (the warehouse's journal, newest kept).</summary>
public sealed record StockMovement
{
    public long Sequence { get; init; }

    public required string Kind { get; init; }

    public required string Sku { get; init; }

    /// <summary>Change of on-hand units.</summary>
    public int OnHandDelta { get; init; }

    /// <summary>Change of reserved units.</summary>
    public int ReservedDelta { get; init; }

    public string? Reference { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset At { get; init; }

    public string ActorId { get; init; } = "";
}

public sealed record WarehouseSnapshot
{
    public required string TenantId { get; init; }

    public required string WarehouseId { get; init; }

    public long Version { get; init; }

    public required WarehouseProfile Profile { get; init; }

    public ImmutableArray<StockLevel> Stock { get; init; } = [];

    /// <summary>Units booked for dispatch per day (<c>yyyy-MM-dd</c>, capacity use), from today on.</summary>
    public ImmutableSortedDictionary<string, int> Booked { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public int ReservationCount { get; init; }
}
