using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Fulfilment.Sourcing;
using static OrderCluster.Grains.Tests.Support.FulfilmentData;

namespace OrderCluster.Grains.Tests.Sourcing;

/// <summary>
/// The sourcing rules as a table: each case names warehouses (location, priority, stock, cost), the order's lines and
/// the rules, and expects allocations as <c>line:warehouse×units</c> plus backorders as <c>line:backorder×units</c>.
/// Every allocation and backorder must carry its explanation.
/// </summary>
public sealed class SourcingTableTests
{
    /// <summary>Ship-to: 10115 Berlin, region BE, Germany.</summary>
    private static readonly Address Destination = Support.TestData.Address() with { Region = "BE" };

    public sealed record Case(string Name, WarehouseAvailability[] Warehouses, SourcingLine[] Lines, SourcingRules Rules, string[] Expected, string? ExplanationContains = null)
    {
        public override string ToString() => Name;
    }

    private static WarehouseAvailability W(string id, WarehouseProfile profile, params (string Sku, int Units, decimal? Cost)[] stock) => new()
    {
        WarehouseId = id, Profile = profile, Skus = [.. stock.Select(s => new SkuAvailability(s.Sku, s.Units, s.Cost))],
    };

    private static SourcingLine L(string line, string sku, int quantity) => new(line, sku, quantity);

    private static readonly SourcingRules Defaults = new() { Version = 1 };

    public static TheoryData<Case> Cases => new()
    {
        new Case("one warehouse holding every line ships everything, even if a nearer one holds part",
            [W("near", Site("Near", region: "BE", zones: "101"), ("A", 5, 1m)), W("far", Site("Far", "FR"), ("A", 5, 1m), ("B", 5, 1m))],
            [L("l1", "A", 2), L("l2", "B", 1)], Defaults, ["l1:far×2", "l2:far×1"], "holds every line"),
        new Case("nearest by zone wins among warehouses that hold everything",
            [W("hamburg", Site("Hamburg", region: "HH", zones: "20")), W("berlin", Site("Berlin", region: "BE", zones: "10")), W("paris", Site("Paris", "FR"))],
            [L("l1", "A", 1)], Defaults, ["l1:berlin×1"], "serves zone 10"),
        new Case("nearest by region when no zone matches",
            [W("munich", Site("Munich", region: "BY")), W("potsdam", Site("Potsdam", region: "BE")), W("lyon", Site("Lyon", "FR", region: "BE"))],
            [L("l1", "A", 1)], Defaults, ["l1:potsdam×1"], "same region BE"),
        new Case("priority order decides when the tenant ranks by priority first",
            [W("near", Site("Near", region: "BE", priority: 5, zones: "10")), W("main", Site("Main", "FR", priority: 1))],
            [L("l1", "A", 3)], Defaults with { Criteria = [SourcingCriterion.Priority, SourcingCriterion.Nearest] }, ["l1:main×3"], "priority 1"),
        new Case("highest stock decides when the tenant ranks by stock",
            [W("small", Site("Small"), ("A", 3, 1m)), W("big", Site("Big"), ("A", 50, 1m))],
            [L("l1", "A", 2)], Defaults with { Criteria = [SourcingCriterion.HighestStock] }, ["l1:big×2"]),
        new Case("lowest cost decides when the tenant ranks by cost",
            [W("dear", Site("Dear"), ("A", 10, 9.50m)), W("cheap", Site("Cheap"), ("A", 10, 7.25m)), W("unknown", Site("Unknown"), ("A", 10, null))],
            [L("l1", "A", 4)], Defaults with { Criteria = [SourcingCriterion.LowestCost] }, ["l1:cheap×4"], "cost 29.00"),
        new Case("no single warehouse holds everything: the order splits in rank order",
            [W("berlin", Site("Berlin", region: "BE", zones: "10"), ("A", 2, 1m), ("B", 1, 1m)), W("munich", Site("Munich", region: "BY"), ("A", 5, 1m))],
            [L("l1", "A", 4), L("l2", "B", 1)], Defaults, ["l1:berlin×2", "l1:munich×2", "l2:berlin×1"], "supplies 2 of 4"),
        new Case("a split beyond the cap backorders the rest",
            [W("w1", Site("W1", priority: 1), ("A", 1, 1m)), W("w2", Site("W2", priority: 2), ("A", 1, 1m)), W("w3", Site("W3", priority: 3), ("A", 1, 1m))],
            [L("l1", "A", 3)], Defaults with { MaxWarehouses = 2, Criteria = [SourcingCriterion.Priority] }, ["l1:w1×1", "l1:w2×1", "l1:backorder×1"], "split cap of 2"),
        new Case("nothing in stock anywhere is backordered",
            [W("w1", Site("W1"), ("A", 0, 1m))],
            [L("l1", "A", 2)], Defaults, ["l1:backorder×2"], "no warehouse has more in stock"),
        new Case("without backorders, a shortfall is unfillable and nothing is backordered",
            [W("w1", Site("W1"), ("A", 1, 1m))],
            [L("l1", "A", 2)], Defaults with { AllowBackorder = false }, ["l1:w1×1", "l1:unfillable×1"], "backorders are not allowed"),
        new Case("not preferring a single warehouse fills from the best-ranked first",
            [W("near", Site("Near", zones: "10"), ("A", 1, 1m)), W("far", Site("Far", "FR"), ("A", 5, 1m))],
            [L("l1", "A", 3)], Defaults with { PreferSingleWarehouse = false }, ["l1:near×1", "l1:far×2"]),
        new Case("an inactive warehouse is never used",
            [W("closed", Site("Closed", zones: "10") with { Active = false }, ("A", 9, 1m)), W("open", Site("Open", "FR"), ("A", 9, 1m))],
            [L("l1", "A", 1)], Defaults, ["l1:open×1"]),
        new Case("ties are broken by warehouse id, so plans are stable",
            [W("b", Site("B"), ("A", 9, 1m)), W("a", Site("A"), ("A", 9, 1m))],
            [L("l1", "A", 1)], Defaults, ["l1:a×1"]),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sourcing_allocates_as_the_rules_say_and_explains_every_allocation(Case c)
    {
        var warehouses = c.Warehouses.Select(w => w.Skus.IsEmpty ? w with { Skus = [new SkuAvailability("A", 100, 1m)] } : w).ToList();

        var plan = SourcingPlanner.Plan(c.Lines, Destination, warehouses, c.Rules);

        var actual = plan.Allocations.Select(a => $"{a.LineId}:{a.WarehouseId}×{a.Quantity}")
            .Concat(plan.Backorders.Select(b => $"{b.LineId}:backorder×{b.Quantity}"))
            .Concat(plan.Unfillable.Select(b => $"{b.LineId}:unfillable×{b.Quantity}"));
        Assert.Equal(c.Expected, actual);
        Assert.All(plan.Allocations, a => Assert.False(string.IsNullOrWhiteSpace(a.Reason)));
        Assert.All(plan.Backorders.Concat(plan.Unfillable), b => Assert.False(string.IsNullOrWhiteSpace(b.Reason)));
        Assert.Equal(warehouses.Count(w => w.Profile.Active), plan.Ranking.Length);
        Assert.False(string.IsNullOrWhiteSpace(plan.Summary));
        if (c.ExplanationContains is { } text)
        {
            var explanations = string.Join(" | ", plan.Allocations.Select(a => a.Reason).Concat(plan.Backorders.Concat(plan.Unfillable).Select(b => b.Reason))
                .Concat(plan.Ranking.Select(r => r.Explanation)).Append(plan.Summary));
            Assert.Contains(text, explanations);
        }
    }
}
