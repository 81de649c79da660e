using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Grains.Fulfilment;

/// <summary>
/// Releasing a cancelled order's stock. The order asks through an interleaving call that only registers a durable
/// timer; the tick, a turn of its own, releases every reservation not yet shipped and cancels open shipments.
/// </summary>
internal sealed partial class FulfilmentGrain
{
    public const string ReleaseTimer = "release";

    public async Task ScheduleReleaseAsync(string reason) => await RegisterOrUpdateTimerAsync(ReleaseTimer, TimeSpan.Zero);

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (tick.Name != ReleaseTimer || state.State.Released) return;
        var current = state.State;
        var open = FulfilmentProgress.Active(current).Where(a => current.Shipments.FirstOrDefault(s => s.ShipmentId == a.ShipmentId)?.Status
            is null or ShipmentStatus.Pending or ShipmentStatus.Picking or ShipmentStatus.Packed).ToList();
        var units = 0;
        foreach (var warehouseId in open.Select(a => a.WarehouseId).Distinct())
            units += await GrainFactory.GetGrain<IWarehouseGrain>(TenantKeys.For(Key.TenantId, warehouseId))
                .ReleaseAsync(new ReleaseReservation(Key.Id, null, "order cancelled"));
        var released = open.Select(a => a.AllocationId).ToHashSet();
        await CommitAsync("release", current with
        {
            Released = true,
            Allocations = [.. current.Allocations.Select(a => released.Contains(a.AllocationId) ? a with { Released = true } : a)],
            Shipments = [.. current.Shipments.Select(s => s.Status is ShipmentStatus.Pending or ShipmentStatus.Picking or ShipmentStatus.Packed
                ? s with { Status = ShipmentStatus.Cancelled, CancelReason = "order cancelled" } : s)],
            Backorders = [],
        });
        FulfilmentLog.Released(logger, GetPrimaryKeyString(), units, "order cancelled");
    }
}
