using OrderCluster.GrainInterfaces.Customers;

namespace OrderCluster.Grains.Customers;

/// <summary>A customer's persisted state: profile, thresholds, and the order-history index with its running lifetime figures.</summary>
public sealed record CustomerState
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>+1 per change (profile, thresholds or an order entry).</summary>
    public long Version { get; init; }

    public CustomerProfile? Profile { get; init; }

    public ImmutableArray<Money> ApprovalThresholds { get; init; } = [];

    public ImmutableSortedDictionary<string, CustomerOrderEntry> Orders { get; init; } = ImmutableSortedDictionary<string, CustomerOrderEntry>.Empty;

    public int CancelledCount { get; init; }

    /// <summary>The value of orders not cancelled, per currency, kept up to date entry by entry.</summary>
    public ImmutableSortedDictionary<string, decimal> ValueByCurrency { get; init; } = ImmutableSortedDictionary<string, decimal>.Empty;

    public Actor? UpdatedBy { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
