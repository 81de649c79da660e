using OrderCluster.GrainInterfaces.Fulfilment;

namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>One shipment as the order shows it.</summary>
public sealed record ShipmentSummary(string ShipmentId, string WarehouseId, ShipmentStatus Status, int Units, string? Carrier, string? TrackingNumber);

/// <summary>The order's view of its fulfilment: the fulfilment grain's status and shipments as of its <see cref="FulfilmentVersion"/>.</summary>
public sealed record OrderFulfilmentSummary
{
    public FulfilmentStatus Status { get; init; }

    public long FulfilmentVersion { get; init; }

    public ImmutableArray<ShipmentSummary> Shipments { get; init; } = [];

    /// <summary>Whether the order's cancellation has been handed to the fulfilment grain (reservations released).</summary>
    public bool ReleaseRequested { get; init; }
}

/// <summary>
/// Sent by the fulfilment grain after each of its changes: the order records the summary, fixes the unit costs of
/// fully allocated lines, and moves its workflow status towards <see cref="TargetStatus"/> along the workflow's
/// transitions. Older fulfilment versions than the one recorded are ignored (a resend).
/// </summary>
public sealed record ApplyFulfilment : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public long FulfilmentVersion { get; init; }

    public FulfilmentStatus Status { get; init; }

    /// <summary>A status name to move to (older reports); <see cref="TargetStage"/> takes precedence.</summary>
    public string? TargetStatus { get; init; }

    /// <summary>The fulfilment stage of the least advanced unit: the order moves to the status its workflow has for it.</summary>
    public Tenants.FulfilmentStage? TargetStage { get; init; }

    public ImmutableSortedDictionary<string, decimal> LineUnitCosts { get; init; } = ImmutableSortedDictionary<string, decimal>.Empty;

    public ImmutableArray<ShipmentSummary> Shipments { get; init; } = [];
}

/// <summary>The fulfilment changed: status and shipments (event type <c>order.fulfilment-changed</c>).</summary>
public sealed record FulfilmentChanged : OrderEvent
{
    public override string EventType => OrderEventTypes.FulfilmentChanged;

    public FulfilmentStatus Status { get; init; }

    public ImmutableArray<ShipmentSummary> Shipments { get; init; } = [];

    /// <summary>The unit cost of each fully allocated line (fixed at allocation), as the report carried it.</summary>
    public ImmutableSortedDictionary<string, decimal> LineUnitCosts { get; init; } = ImmutableSortedDictionary<string, decimal>.Empty;
}
