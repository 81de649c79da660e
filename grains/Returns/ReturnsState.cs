using OrderCluster.GrainInterfaces.Returns;

namespace OrderCluster.Grains.Returns;

/// <summary>The persisted returns and refunds of one order, replaced whole by each change.</summary>
public sealed record ReturnsState
{
    public int SchemaVersion { get; init; } = 1;

    public long Version { get; init; }

    public ImmutableList<ReturnRequest> Returns { get; init; } = [];

    public ImmutableList<Refund> Refunds { get; init; } = [];

    public ImmutableList<AfterSalesEntry> History { get; init; } = [];

    /// <summary>Steps the order has not acknowledged yet, oldest first (sent again after each change and on activation).</summary>
    public ImmutableList<GrainInterfaces.Orders.RecordAfterSales> PendingOrderReports { get; init; } = [];
}

public sealed record RefundPolicyState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<RefundPolicy> Published { get; init; } = [];
}
