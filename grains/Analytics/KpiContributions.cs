using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Grains.Analytics;

/// <summary>A KPI cell: period grain, period start and dimension value (empty = total).</summary>
public readonly record struct KpiKey(TimeGrain Grain, DateTimeOffset Period, string Dimension);

/// <summary>
/// What one order adds to the KPI cells. Aggregates are the sum of these over all orders, so replacing an order's
/// facts (retract the old contribution, add the new) keeps them equal to a recomputation.
/// </summary>
internal static class KpiContributions
{
    private static readonly TimeGrain[] Grains = [TimeGrain.Hour, TimeGrain.Day];

    public static IEnumerable<(KpiKey Key, KpiFigures Figures)> Of(OrderFacts facts)
    {
        var order = OrderFigures(facts);
        var cancelled = facts.IsCancelled ? 1 : 0;
        foreach (var grain in Grains)
        {
            var period = grain.PeriodOf(facts.CreatedAt);
            yield return (new KpiKey(grain, period, ""), order);
            yield return (new KpiKey(grain, period, $"channel:{Channel(facts)}"), order);
            if (facts.CustomerId.Length > 0) yield return (new KpiKey(grain, period, $"customer:{facts.CustomerId}"), order);
            if (facts.Currency.Length > 0) yield return (new KpiKey(grain, period, $"currency:{facts.Currency}"), order);
            foreach (var sku in facts.Skus)
                yield return (new KpiKey(grain, period, $"sku:{sku.Sku}"),
                    new KpiFigures { Orders = 1, Units = sku.Units, Revenue = sku.Revenue, Cancelled = cancelled, Cogs = sku.Cogs, Margin = sku.Margin });
            foreach (var w in facts.Warehouses)
                yield return (new KpiKey(grain, period, $"warehouse:{w.WarehouseId}"), new KpiFigures { Orders = 1, Units = w.Units, Cancelled = cancelled });
            foreach (var (status, step) in facts.Steps)
                yield return (new KpiKey(grain, period, $"step:{status}"), new KpiFigures { Orders = 1, StepExits = step.Exits, StepMs = step.Ms });
        }
    }

    public static string Channel(OrderFacts facts) => facts.Channel switch
    {
        GrainInterfaces.Orders.ChannelKind.InStore => "in-store",
        var c => c.ToString().ToLowerInvariant(),
    };

    private static KpiFigures OrderFigures(OrderFacts f) => new()
    {
        Orders = 1,
        Units = f.Skus.Sum(s => s.Units),
        Revenue = f.Revenue,
        Cancelled = f.IsCancelled ? 1 : 0,
        Shipped = f.ShippedAt is null ? 0 : 1,
        PlacedToShippedMs = f.ShippedAt is { } shipped && f.PlacedAt is { } placed ? OrderFactsReducer.Ms(placed, shipped) : 0,
        Approvals = f.Approvals,
        ApprovalMs = f.ApprovalMs,
        SlaMet = f.SlaMet,
        SlaBreached = f.SlaBreached,
        Cogs = f.Skus.Sum(s => s.Cogs),
        Margin = f.Skus.Sum(s => s.Margin),
        Returned = f.ReturnedUnits,
        ReturnedOrders = f.ReturnedUnits > 0 ? 1 : 0,
        Refunded = f.RefundedAmount,
        Corrections = f.NeedsCorrection ? 1 : 0,
    };
}
