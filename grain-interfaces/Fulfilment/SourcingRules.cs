namespace OrderCluster.GrainInterfaces.Fulfilment;

/// <summary>How warehouses are ranked, in the order a tenant lists them (earlier criteria decide, later ones break ties).</summary>
public enum SourcingCriterion
{
    /// <summary>Same zone (postal-code prefix) as the ship-to address, then same region, then same country, then elsewhere.</summary>
    Nearest,

    /// <summary>The warehouse's own priority number, lowest first.</summary>
    Priority,

    /// <summary>Most units of the order's SKUs available (up to what the order needs).</summary>
    HighestStock,

    /// <summary>Lowest cost of the units it can supply (a warehouse without a unit cost for a SKU ranks last).</summary>
    LowestCost,
}

/// <summary>
/// A tenant's sourcing rules. With <see cref="PreferSingleWarehouse"/> the first-ranked warehouse that can ship the
/// whole order does; otherwise (or when none can) lines are filled warehouse by warehouse in rank order, using at most
/// <see cref="MaxWarehouses"/> warehouses per order (the split cap). What no allowed warehouse can supply is
/// backordered when <see cref="AllowBackorder"/>, else allocation is refused.
/// </summary>
public sealed record SourcingRules
{
    public int Version { get; init; }

    public bool PreferSingleWarehouse { get; init; } = true;

    public ImmutableArray<SourcingCriterion> Criteria { get; init; } =
        [SourcingCriterion.Nearest, SourcingCriterion.Priority, SourcingCriterion.HighestStock, SourcingCriterion.LowestCost];

    public int MaxWarehouses { get; init; } = 3;

    public bool AllowBackorder { get; init; } = true;

    public Actor? PublishedBy { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }
}

public sealed record PublishSourcingRules(Actor Actor, SourcingRules Rules, int? ExpectedVersion = null);

/// <summary>A tenant's sourcing rules, keyed <c>{tenant}</c>, versioned; version 1 is the built-in default.</summary>
public interface ISourcingRulesGrain : IGrainWithStringKey
{
    Task<SourcingRules> PublishAsync(PublishSourcingRules command);

    [ReadOnly]
    Task<SourcingRules> GetCurrentAsync();
}

/// <summary>One line to source.</summary>
public sealed record SourcingLine(string LineId, string Sku, int Quantity);

/// <summary>Units of one line from one warehouse, and why that warehouse.</summary>
public sealed record PlannedAllocation(string LineId, string Sku, string WarehouseId, int Quantity, string Reason);

/// <summary>Units of a line no allowed warehouse can supply now.</summary>
public sealed record PlannedBackorder(string LineId, string Sku, int Quantity, string Reason);

/// <summary>A warehouse's place in the ranking and the facts that put it there.</summary>
public sealed record WarehouseRank(int Rank, string WarehouseId, string Explanation);

/// <summary>
/// The outcome of sourcing: allocations, backorders, the ranking and a summary, each with its explanation.
/// <see cref="Unfillable"/> lists lines that can be neither allocated nor backordered (backorders disallowed).
/// </summary>
public sealed record SourcingPlan
{
    public ImmutableArray<PlannedAllocation> Allocations { get; init; } = [];

    public ImmutableArray<PlannedBackorder> Backorders { get; init; } = [];

    public ImmutableArray<PlannedBackorder> Unfillable { get; init; } = [];

    public ImmutableArray<WarehouseRank> Ranking { get; init; } = [];

    public string Summary { get; init; } = "";

    public int RulesVersion { get; init; }
}
