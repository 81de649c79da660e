using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Analytics;

/// <summary>A SKU's share of an order: units and line totals, and of its costed lines the cost and the margin.</summary>
public sealed record SkuFacts(string Sku, long Units, decimal Revenue, decimal Cogs = 0, decimal Margin = 0);

/// <summary>Units an order shipped (or is shipping) from a warehouse, as its latest fulfilment summary says.</summary>
public sealed record WarehouseFacts(string WarehouseId, long Units);

/// <summary>Time an order spent in one workflow status before leaving it (summed over visits).</summary>
public sealed record StepFacts(long Exits, long Ms);

/// <summary>
/// What analytics knows of one order, folded from its events (lines from its snapshot, see <see cref="OrderFactsReducer"/>).
/// <see cref="LastSequence"/> is the last stream sequence applied: at-least-once redelivery of older ones is dropped.
/// </summary>
public sealed record OrderFacts
{
    public long LastSequence { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public ChannelKind Channel { get; init; }

    public string CustomerId { get; init; } = "";

    public string Currency { get; init; } = "";

    public decimal Revenue { get; init; }

    public ImmutableArray<SkuFacts> Skus { get; init; } = [];

    public string Status { get; init; } = "";

    public DateTimeOffset StatusSince { get; init; }

    public DateTimeOffset? PlacedAt { get; init; }

    public DateTimeOffset? ShippedAt { get; init; }

    /// <summary>When the open approval round was requested; null when none is open.</summary>
    public DateTimeOffset? ApprovalRequestedAt { get; init; }

    public long Approvals { get; init; }

    public long ApprovalMs { get; init; }

    public long SlaMet { get; init; }

    public long SlaBreached { get; init; }

    public ImmutableSortedDictionary<string, StepFacts> Steps { get; init; } = ImmutableSortedDictionary<string, StepFacts>.Empty;

    public ImmutableArray<WarehouseFacts> Warehouses { get; init; } = [];

    /// <summary>Unit costs per line id as the last fulfilment event reported them (a change makes the lines stale: costs are read with them).</summary>
    public ImmutableSortedDictionary<string, decimal> LineCosts { get; init; } = ImmutableSortedDictionary<string, decimal>.Empty;

    public int ReturnedUnits { get; init; }

    public decimal RefundedAmount { get; init; }

    /// <summary>Put on hold, rejected in approval, or edited after leaving its initial status (see <see cref="GrainInterfaces.Analytics.KpiFigures.Corrections"/>).</summary>
    public bool NeedsCorrection { get; init; }

    /// <summary>Whether the lines and total must be read from the order's snapshot (created or edited since the last read).</summary>
    public bool LinesStale { get; init; }

    /// <summary>Whether <see cref="Status"/> is a cancellation state of the order's workflow; null in facts folded before it was kept (read by the default name).</summary>
    public bool? InCancelledStatus { get; init; }

    public bool IsCancelled => InCancelledStatus ?? Status == OrderFactsReducer.CancelledStatus;
}

/// <summary>One analytics shard's persistent state: facts per order id.</summary>
public sealed record OrderAnalyticsState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableSortedDictionary<string, OrderFacts> Orders { get; init; } = ImmutableSortedDictionary<string, OrderFacts>.Empty;

    /// <summary>Forecast series this shard has asked to start (so it asks once).</summary>
    public ImmutableSortedSet<string> StartedSeries { get; init; } = ImmutableSortedSet<string>.Empty;

    public long EventsApplied { get; init; }

    public long DuplicatesDropped { get; init; }

    public long SnapshotReads { get; init; }
}
