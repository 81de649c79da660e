using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Fulfilment;

/// <summary>Commits and the order sync: after each commit the order hears the new status; a failed send goes again later.</summary>
internal sealed partial class FulfilmentGrain
{
    private async Task CommitAsync(string action, FulfilmentState next)
    {
        try
        {
            await WriteStateOrReloadAsync(state, next with { Version = state.State.Version + 1 });
        }
        catch (Exception e)
        {
            FulfilmentLog.CommitFailed(logger, e, GetPrimaryKeyString(), action);
            throw;
        }

        await SyncOrderAsync(timeout: null);
    }

    private async Task SyncOrderAsync(TimeSpan? timeout)
    {
        var s = state.State;
        if (s.Version == 0 || s.OrderSyncedVersion >= s.Version) return;
        using var scope = timeout is { } t ? GrainCallContext.WithTimeout(t) : null;
        var (status, target) = FulfilmentProgress.Of(s);
        try
        {
            await GrainFactory.GetGrain<IOrderGrain>(GetPrimaryKeyString()).ApplyFulfilmentAsync(new ApplyFulfilment
            {
                Actor = Actor.System with { UserId = "fulfilment", DisplayName = "Fulfilment" },
                FulfilmentVersion = s.Version,
                Status = status,
                TargetStage = target,
                LineUnitCosts = FulfilmentProgress.LineUnitCosts(s),
                Shipments = [.. s.Shipments.Select(x => new ShipmentSummary(x.ShipmentId, x.WarehouseId, x.Status, x.Lines.Sum(l => l.Quantity), x.Carrier, x.TrackingNumber))],
            });
            // Kept in memory; the next commit stores it. A resend after a restart is ignored by the order (older version).
            if (state.State.Version == s.Version) state.State = state.State with { OrderSyncedVersion = s.Version };
        }
        catch (Exception e)
        {
            FulfilmentLog.OrderSyncFailed(logger, e, GetPrimaryKeyString(), s.Version);
        }
    }

    private FulfilmentSnapshot Snapshot()
    {
        var s = state.State;
        var (status, _) = FulfilmentProgress.Of(s);
        var (margins, cost, margin, percent) = FulfilmentProgress.Margins(s);
        return new FulfilmentSnapshot
        {
            TenantId = Key.TenantId, OrderId = Key.Id, Version = s.Version, Status = status,
            Allocations = [.. s.Allocations], Backorders = s.Backorders, Shipments = [.. s.Shipments], LastPlan = s.LastPlan,
            Margins = margins, OrderCost = cost, OrderMargin = margin, OrderMarginPercent = percent,
        };
    }
}
