using System.Globalization;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Grains.Fulfilment.Sourcing;

/// <summary>
/// Decides which warehouses supply which units of an order, and says why. Pure: it reads availability and rules
/// handed to it and reserves nothing (the fulfilment grain reserves what it plans).
/// </summary>
internal static class SourcingPlanner
{
    private sealed record Candidate(WarehouseAvailability Warehouse, int Tier, string Where, int UsefulUnits, decimal? Cost)
    {
        public string Id => Warehouse.WarehouseId;

        public int AvailableOf(string sku) => Warehouse.Skus.FirstOrDefault(s => s.Sku == sku)?.Available ?? 0;
    }

    public static SourcingPlan Plan(IReadOnlyList<SourcingLine> lines, Address destination, IReadOnlyList<WarehouseAvailability> warehouses, SourcingRules rules)
    {
        var need = lines.GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var ranked = Rank(warehouses.Where(w => w.Profile.Active).Select(w => Describe(w, destination, need)), rules.Criteria);
        var ranking = ranked.Select((c, i) => new WarehouseRank(i + 1, c.Id, Explain(c))).ToImmutableArray();

        if (rules.PreferSingleWarehouse && ranked.FirstOrDefault(c => need.All(n => c.AvailableOf(n.Key) >= n.Value)) is { } single)
        {
            var rank = ranked.IndexOf(single) + 1;
            var why = rank == 1
                ? $"{single.Id} ranks first and holds every line"
                : $"{single.Id} is the best-ranked warehouse (#{rank}) that holds every line; one shipment is preferred over a split";
            return new SourcingPlan
            {
                Allocations = [.. lines.Select(l => new PlannedAllocation(l.LineId, l.Sku, single.Id, l.Quantity, why))],
                Ranking = ranking,
                Summary = $"Single warehouse: {why}.",
                RulesVersion = rules.Version,
            };
        }

        return Split(lines, ranked, ranking, rules);
    }

    /// <summary>Fills lines in rank order, opening at most <see cref="SourcingRules.MaxWarehouses"/> warehouses.</summary>
    private static SourcingPlan Split(IReadOnlyList<SourcingLine> lines, List<Candidate> ranked, ImmutableArray<WarehouseRank> ranking, SourcingRules rules)
    {
        var left = ranked.ToDictionary(c => c.Id, c => c.Warehouse.Skus.ToDictionary(s => s.Sku, s => s.Available));
        var used = new List<string>();
        var allocations = ImmutableArray.CreateBuilder<PlannedAllocation>();
        var shortfalls = new List<(SourcingLine Line, int Missing, string Why)>();
        var cap = Math.Max(1, rules.MaxWarehouses);
        var capHit = false;
        foreach (var line in lines)
        {
            var missing = line.Quantity;
            foreach (var c in ranked)
            {
                if (missing == 0) break;
                var available = left[c.Id].GetValueOrDefault(line.Sku);
                if (available <= 0) continue;
                if (!used.Contains(c.Id))
                {
                    if (used.Count >= cap)
                    {
                        capHit = true;
                        continue;
                    }

                    used.Add(c.Id);
                }

                var take = Math.Min(available, missing);
                left[c.Id][line.Sku] = available - take;
                missing -= take;
                var rank = ranked.IndexOf(c) + 1;
                allocations.Add(new PlannedAllocation(line.LineId, line.Sku, c.Id, take,
                    missing == 0 && take == line.Quantity
                        ? $"{c.Id} (#{rank}) is the best-ranked warehouse with this line in stock"
                        : $"{c.Id} (#{rank}) supplies {take} of {line.Quantity}: the best-ranked stock left for this line"));
            }

            if (missing > 0)
                shortfalls.Add((line, missing, capHit && ranked.Any(c => !used.Contains(c.Id) && left[c.Id].GetValueOrDefault(line.Sku) > 0)
                    ? $"the split cap of {cap} warehouses is reached; more stock exists in warehouses not used"
                    : "no warehouse has more in stock"));
        }

        var backorders = shortfalls.Select(s => new PlannedBackorder(s.Line.LineId, s.Line.Sku, s.Missing, s.Why)).ToImmutableArray();
        var summary = used.Count switch
        {
            0 => "Nothing in stock in any warehouse.",
            1 => $"One warehouse ({used[0]}) supplies what is in stock.",
            _ => $"Split across {used.Count} warehouses ({string.Join(", ", used)}), at most {cap} allowed: no single warehouse holds every line{(rules.PreferSingleWarehouse ? "" : " (or single shipments are not preferred)")}.",
        };
        if (!backorders.IsEmpty)
            summary += rules.AllowBackorder
                ? $" {backorders.Sum(b => b.Quantity)} units backordered."
                : $" {backorders.Sum(b => b.Quantity)} units cannot be supplied and backorders are not allowed.";
        return new SourcingPlan
        {
            Allocations = allocations.ToImmutable(),
            Backorders = rules.AllowBackorder ? backorders : [],
            Unfillable = rules.AllowBackorder ? [] : backorders,
            Ranking = ranking,
            Summary = summary,
            RulesVersion = rules.Version,
        };
    }

    private static Candidate Describe(WarehouseAvailability w, Address destination, Dictionary<string, int> need)
    {
        var (tier, where) = WarehouseDistance.Of(w.Profile, destination);
        var useful = need.Sum(n => Math.Min(n.Value, w.Skus.FirstOrDefault(s => s.Sku == n.Key)?.Available ?? 0));
        decimal? cost = 0;
        foreach (var (sku, units) in need)
        {
            var s = w.Skus.FirstOrDefault(x => x.Sku == sku);
            var take = Math.Min(units, s?.Available ?? 0);
            if (take == 0) continue;
            cost = s!.UnitCost is { } unit && cost is { } sum ? sum + take * unit : null;
        }

        return new Candidate(w, tier, where, useful, useful == 0 ? null : cost);
    }

    private static List<Candidate> Rank(IEnumerable<Candidate> candidates, ImmutableArray<SourcingCriterion> criteria)
    {
        IOrderedEnumerable<Candidate>? ordered = null;
        foreach (var criterion in criteria.Distinct())
        {
            Func<Candidate, decimal> key = criterion switch
            {
                SourcingCriterion.Nearest => c => c.Tier,
                SourcingCriterion.Priority => c => c.Warehouse.Profile.Priority,
                SourcingCriterion.HighestStock => c => -c.UsefulUnits,
                _ => c => c.Cost ?? decimal.MaxValue,
            };
            ordered = ordered is null ? candidates.OrderBy(key) : ordered.ThenBy(key);
        }

        // The id breaks remaining ties, so the same inputs always give the same plan.
        return (ordered is null ? candidates.OrderBy(c => c.Id, StringComparer.Ordinal) : ordered.ThenBy(c => c.Id, StringComparer.Ordinal)).ToList();
    }

    private static string Explain(Candidate c) => string.Create(CultureInfo.InvariantCulture,
        $"{c.Id}: {c.Where}, priority {c.Warehouse.Profile.Priority}, {c.UsefulUnits} of the order's units in stock, cost {(c.Cost is { } cost ? cost.ToString("0.00##", CultureInfo.InvariantCulture) : "unknown")}");
}
