using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Analytics;

/// <summary>
/// Folds one order event into the order's facts. Pure; the grain drops duplicates before calling it. Events do not
/// carry lines, so creation, edits, splits and merges mark the lines stale and the grain reads them from the order's snapshot.
/// </summary>
internal static class OrderFactsReducer
{
    public const string CancelledStatus = DefaultWorkflowNames.Cancelled;
    public const string PlacedStatus = DefaultWorkflowNames.Placed;
    public const string ShippedStatus = DefaultWorkflowNames.Shipped;

    public static OrderFacts? Apply(OrderFacts? facts, OrderEvent e)
    {
        if (facts is null)
        {
            // Every order stream starts with its creation; anything else first means history was deleted by retention.
            if (e is not OrderCreated created) return null;
            facts = new OrderFacts
            {
                CreatedAt = created.OccurredAt, Channel = created.Channel, CustomerId = created.CustomerId,
                Currency = created.Total.Currency, Revenue = created.Total.Amount, StatusSince = created.OccurredAt, LinesStale = true,
            };
        }

        facts = e switch
        {
            OrderStatusChanged s => StatusChanged(facts, s),
            ApprovalRequested r => facts with { ApprovalRequestedAt = r.OccurredAt },
            ApprovalGranted g when g.RemainingLevels.IsEmpty && facts.ApprovalRequestedAt is { } requested =>
                facts with { ApprovalRequestedAt = null, Approvals = facts.Approvals + 1, ApprovalMs = facts.ApprovalMs + Ms(requested, g.OccurredAt) },
            ApprovalRejected => facts with { ApprovalRequestedAt = null, NeedsCorrection = true },
            // Steps are recorded on leaving a status: with any, the order has left its initial one.
            OrderEdited edited => facts with { Revenue = edited.Total?.Amount ?? facts.Revenue, LinesStale = true, NeedsCorrection = facts.NeedsCorrection || !facts.Steps.IsEmpty },
            AfterSalesEvent a => facts with { ReturnedUnits = a.ReturnedUnits, RefundedAmount = a.RefundedAmount },
            OrderSplit or OrderMerged => facts with { LinesStale = true },
            SlaDeadlineMet => facts with { SlaMet = facts.SlaMet + 1 },
            SlaBreached => facts with { SlaBreached = facts.SlaBreached + 1 },
            FulfilmentChanged f => facts with
            {
                Warehouses = [.. f.Shipments.GroupBy(s => s.WarehouseId).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new WarehouseFacts(g.Key, g.Sum(s => (long)s.Units)))],
                // Costs fixed at allocation are on the order's lines: read them when they changed.
                LineCosts = f.LineUnitCosts.IsEmpty || f.LineUnitCosts.SequenceEqual(facts.LineCosts) ? facts.LineCosts : f.LineUnitCosts,
                LinesStale = facts.LinesStale || !(f.LineUnitCosts.IsEmpty || f.LineUnitCosts.SequenceEqual(facts.LineCosts)),
            },
            _ => facts,
        };
        return facts with { LastSequence = e.Sequence };
    }

    /// <summary>Replaces lines, total and currency with the order's snapshot.</summary>
    public static OrderFacts WithSnapshot(OrderFacts facts, OrderSnapshot snapshot) => facts with
    {
        Revenue = snapshot.Totals.Total.Amount,
        Currency = snapshot.Currency,
        Skus = [.. snapshot.Lines.GroupBy(l => l.Sku).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SkuFacts(g.Key, g.Sum(l => (long)l.Quantity), g.Sum(l => l.Total),
                g.Sum(l => Cost(l) ?? 0), g.Sum(l => Cost(l) is { } cost ? l.Total - cost : 0)))],
        LinesStale = false,
    };

    private static OrderFacts StatusChanged(OrderFacts facts, OrderStatusChanged s)
    {
        var steps = facts.Steps;
        if (s.From is { Length: > 0 } from)
        {
            var step = steps.GetValueOrDefault(from) ?? new StepFacts(0, 0);
            steps = steps.SetItem(from, new StepFacts(step.Exits + 1, step.Ms + Ms(facts.StatusSince, s.OccurredAt)));
        }

        var meaning = MeaningOf(s);
        return facts with
        {
            NeedsCorrection = facts.NeedsCorrection || s.OnHold,
            Status = s.To,
            InCancelledStatus = meaning.Cancelled,
            StatusSince = s.OccurredAt,
            Steps = steps,
            PlacedAt = facts.PlacedAt ?? (meaning.Placed ? s.OccurredAt : null),
            ShippedAt = facts.ShippedAt ?? (IsShipped(meaning.Stage) ? s.OccurredAt : null),
        };
    }

    /// <summary>
    /// What the new status means in the order's workflow, as the order said when it moved; events from before it said so
    /// (and imports) are read by the default workflow's names.
    /// </summary>
    public static OrderStatusMeaning MeaningOf(OrderStatusChanged s) => s.Meaning ?? new OrderStatusMeaning
    {
        Placed = s.To == PlacedStatus, Cancelled = s.To == CancelledStatus, Stage = s.To == ShippedStatus ? FulfilmentStage.Shipped : null,
    };

    /// <summary>Shipped counts from the first status at the shipped stage or beyond (a workflow may go straight to delivered).</summary>
    public static bool IsShipped(FulfilmentStage? stage) => stage is FulfilmentStage.Shipped or FulfilmentStage.Delivered;

    /// <summary>The cost of a line whose unit cost is known; null otherwise.</summary>
    public static decimal? Cost(OrderLine line) => line.UnitCost is { } unit ? line.Quantity * unit : null;

    /// <summary>
    /// Milliseconds between two times as the difference of their Unix milliseconds, so that durations of consecutive steps
    /// add up exactly to the whole (rounding each span separately would not).
    /// </summary>
    public static long Ms(DateTimeOffset from, DateTimeOffset to) => to.ToUnixTimeMilliseconds() - from.ToUnixTimeMilliseconds();
}
