using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Fulfilment;

/// <summary>
/// The persisted fulfilment of one order, replaced whole by each change. <see cref="Lines"/> and <see cref="Currency"/>
/// are copied from the order at each command (for margins). <see cref="OrderSyncedVersion"/> is the latest version
/// the order grain acknowledged; a newer one is sent again after a failure or on activation.
/// </summary>
public sealed record FulfilmentState
{
    public int SchemaVersion { get; init; } = 1;

    public long Version { get; init; }

    public ImmutableList<Allocation> Allocations { get; init; } = [];

    public ImmutableArray<Backorder> Backorders { get; init; } = [];

    public ImmutableList<Shipment> Shipments { get; init; } = [];

    public SourcingPlan? LastPlan { get; init; }

    public int AllocationsIssued { get; init; }

    public int ShipmentsIssued { get; init; }

    public ImmutableArray<OrderLine> Lines { get; init; } = [];

    public string Currency { get; init; } = "";

    /// <summary>The order was cancelled and every reservation released.</summary>
    public bool Released { get; init; }

    public long OrderSyncedVersion { get; init; }
}
