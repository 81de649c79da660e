using OrderCluster.GrainInterfaces.Fulfilment;

namespace OrderCluster.Grains.Fulfilment;

/// <summary>The shipment state machine: each action names the statuses it starts from and where it leads.</summary>
internal static class ShipmentTransitions
{
    private static readonly Dictionary<string, (ShipmentStatus[] From, ShipmentStatus To)> Actions = new()
    {
        [ShipmentActions.Pick] = ([ShipmentStatus.Pending], ShipmentStatus.Picking),
        [ShipmentActions.Pack] = ([ShipmentStatus.Picking], ShipmentStatus.Packed),
        [ShipmentActions.Ship] = ([ShipmentStatus.Packed], ShipmentStatus.Shipped),
        [ShipmentActions.Deliver] = ([ShipmentStatus.Shipped], ShipmentStatus.Delivered),
        [ShipmentActions.Cancel] = ([ShipmentStatus.Pending, ShipmentStatus.Picking, ShipmentStatus.Packed], ShipmentStatus.Cancelled),
    };

    public static IEnumerable<string> Allowed(ShipmentStatus status) => Actions.Where(a => a.Value.From.Contains(status)).Select(a => a.Key);

    /// <summary>The status <paramref name="action"/> leads to from <paramref name="status"/>; refuses an unknown or illegal action with the allowed ones.</summary>
    public static ShipmentStatus Next(Shipment shipment, string action, long version)
    {
        if (Actions.TryGetValue(action, out var t) && t.From.Contains(shipment.Status)) return t.To;
        var allowed = Allowed(shipment.Status).ToList();
        throw new OrderRuleViolationException(FulfilmentErrorCodes.ShipmentTransitionNotAllowed,
            $"Shipment {shipment.ShipmentId} is {shipment.Status.ToString().ToLowerInvariant()}: '{action}' is not allowed. Allowed now: {(allowed.Count == 0 ? "none" : string.Join(", ", allowed))}.",
            version, allowed);
    }
}
