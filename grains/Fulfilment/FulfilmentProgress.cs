using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Fulfilment;

/// <summary>
/// What a fulfilment state means for the order: its <see cref="FulfilmentStatus"/>, the workflow status its least
/// advanced unit implies, the unit cost of each fully allocated line, and margins.
/// </summary>
internal static class FulfilmentProgress
{
    public static IEnumerable<Allocation> Active(FulfilmentState s) => s.Allocations.Where(a => !a.Released);

    /// <summary>Units of each line not covered by an active allocation.</summary>
    public static Dictionary<string, int> Unallocated(FulfilmentState s) =>
        s.Lines.ToDictionary(l => l.LineId, l => l.Quantity - Active(s).Where(a => a.LineId == l.LineId).Sum(a => a.Quantity));

    /// <summary>The fulfilment status, and the stage of the least advanced unit (the order maps it to a status of its workflow).</summary>
    public static (FulfilmentStatus Status, FulfilmentStage? TargetStage) Of(FulfilmentState s)
    {
        var active = Active(s).ToList();
        var unallocated = Unallocated(s).Values.Sum();
        if (active.Count == 0)
            return (s.Released ? FulfilmentStatus.Released : unallocated > 0 && !s.Backorders.IsEmpty ? FulfilmentStatus.Backordered : FulfilmentStatus.Unallocated, null);

        var stages = active.Select(a => Stage(s, a)).ToList();
        var total = s.Lines.Sum(l => l.Quantity);
        var shipped = active.Where((_, i) => stages[i] >= 3).Sum(a => a.Quantity);
        var delivered = active.Where((_, i) => stages[i] >= 4).Sum(a => a.Quantity);
        var status = delivered == total ? FulfilmentStatus.Delivered
            : delivered > 0 ? FulfilmentStatus.PartiallyDelivered
            : shipped == total ? FulfilmentStatus.Shipped
            : shipped > 0 ? FulfilmentStatus.PartiallyShipped
            : unallocated > 0 ? FulfilmentStatus.Backordered
            : FulfilmentStatus.Allocated;
        var least = unallocated > 0 ? 0 : stages.Min();
        return (status, (FulfilmentStage)least);
    }

    /// <summary>The weighted unit cost of every line whose units are all allocated at a known cost in the order's currency.</summary>
    public static ImmutableSortedDictionary<string, decimal> LineUnitCosts(FulfilmentState s)
    {
        var costs = ImmutableSortedDictionary.CreateBuilder<string, decimal>();
        foreach (var line in s.Lines)
        {
            var parts = Active(s).Where(a => a.LineId == line.LineId).ToList();
            if (line.Quantity == 0 || parts.Sum(a => a.Quantity) != line.Quantity) continue;
            if (parts.Any(a => a.UnitCost is null || a.CostCurrency != s.Currency)) continue;
            costs[line.LineId] = decimal.Round(parts.Sum(a => a.Quantity * a.UnitCost!.Value) / line.Quantity, 4);
        }

        return costs.ToImmutable();
    }

    public static (ImmutableArray<LineMargin> Lines, Money? Cost, Money? Margin, decimal? Percent) Margins(FulfilmentState s)
    {
        var costs = LineUnitCosts(s);
        var lines = s.Lines.Select(l =>
        {
            var revenue = new Money(l.Total, s.Currency);
            if (!costs.TryGetValue(l.LineId, out var unit)) return new LineMargin { LineId = l.LineId, Sku = l.Sku, Quantity = l.Quantity, Revenue = revenue };
            var cost = l.Quantity * unit;
            return new LineMargin
            {
                LineId = l.LineId, Sku = l.Sku, Quantity = l.Quantity, Revenue = revenue, Cost = new Money(cost, s.Currency),
                Margin = new Money(l.Total - cost, s.Currency), MarginPercent = Percent(l.Total - cost, l.Total),
            };
        }).ToImmutableArray();
        if (lines.IsEmpty || lines.Any(l => l.Cost is null)) return (lines, null, null, null);
        var revenueTotal = lines.Sum(l => l.Revenue.Amount);
        var costTotal = lines.Sum(l => l.Cost!.Amount);
        return (lines, new Money(costTotal, s.Currency), new Money(revenueTotal - costTotal, s.Currency), Percent(revenueTotal - costTotal, revenueTotal));
    }

    private static decimal? Percent(decimal margin, decimal revenue) => revenue == 0 ? null : decimal.Round(margin / revenue * 100m, 2);

    private static int Stage(FulfilmentState s, Allocation a) =>
        s.Shipments.FirstOrDefault(x => x.ShipmentId == a.ShipmentId)?.Status switch
        {
            ShipmentStatus.Picking => 1,
            ShipmentStatus.Packed => 2,
            ShipmentStatus.Shipped => 3,
            ShipmentStatus.Delivered => 4,
            _ => 0,
        };
}
