using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Analytics;
using OrderCluster.Grains.Fulfilment;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Runtime;

namespace OrderCluster.Grains.Tests.Analytics;

/// <summary>
/// KPIs recomputed from the orders themselves, independently of the events: contents from each order's snapshot, times
/// from its audit trail (each entry's status before and after), SLA outcomes from its deadlines. Step cells are compared
/// by their total time (Σ over steps = last status change − creation), because one audit entry may span several statuses.
/// Costs and margins come from the snapshot's lines with a unit cost, returns and refunds from its after-sales summary, and
/// corrections from the audit trail (a hold, a rejection, or an edit after the creating entry, which placed the order).
/// </summary>
public static class KpiRecomputation
{
    public sealed record Expected(IReadOnlyDictionary<(TimeGrain Grain, DateTimeOffset Period, string Dimension), KpiFigures> Cells,
        IReadOnlyDictionary<(TimeGrain Grain, DateTimeOffset Period), long> StepMs, long LastSequenceSum);

    public static async Task<Expected> FromOrdersAsync(IGrainFactory grains, string tenant, IEnumerable<string> orderIds)
    {
        var cells = new Dictionary<(TimeGrain, DateTimeOffset, string), KpiFigures>();
        var stepMs = new Dictionary<(TimeGrain, DateTimeOffset), long>();
        long sequences = 0;
        foreach (var id in orderIds)
        {
            var order = grains.Order(tenant, id);
            var s = await order.GetAsync();
            var audit = (await order.GetAuditTrailAsync(new PageRequest { Order = SortOrder.OldestFirst, Limit = 1000 })).Items;
            sequences += s.LastEventSequence;

            // Statuses are read through the order's workflow (its stages, cancellation and hold states), as analytics does.
            var workflow = await grains.GetGrain<IWorkflowDefinitionsGrain>(tenant).GetVersionAsync(s.WorkflowVersion);
            var statusAt = audit.SelectMany(a => a.Changes.Where(c => c.Path == "status").Select(c => (a.At, c.Before, c.After))).ToList();
            DateTimeOffset? shipped = statusAt.Where(x => x.After is { } to && OrderFactsReducer.IsShipped(WorkflowStages.StageOf(workflow, to)))
                .Select(x => (DateTimeOffset?)x.At).FirstOrDefault();
            var (pending, approvedState) = (workflow.Approval.PendingState, workflow.Approval.ApprovedState);
            DateTimeOffset? requested = statusAt.Where(x => x.After == pending).Select(x => (DateTimeOffset?)x.At).FirstOrDefault();
            DateTimeOffset? approved = statusAt.Where(x => x.Before == pending && x.After == approvedState).Select(x => (DateTimeOffset?)x.At).FirstOrDefault();
            var lastStatusChange = statusAt.Count == 0 ? s.CreatedAt : statusAt[^1].At;
            var cancelled = WorkflowStages.MeaningOf(workflow, s.Status, "").Cancelled ? 1 : 0;
            var corrected = audit.Any(a => a.Changes.Any(c => c.Path == "status" && c.After == workflow.Hold.State) || a.Action == "reject"
                                           || (a.Sequence > 1 && a.Action is "change-lines" or "change-fulfilment" or "set-custom-fields"));
            decimal Cogs(IEnumerable<OrderLine> lines) => lines.Sum(l => l.UnitCost is { } c ? l.Quantity * c : 0m);
            decimal Margin(IEnumerable<OrderLine> lines) => lines.Sum(l => l.UnitCost is { } c ? l.Total - l.Quantity * c : 0m);
            var returned = s.AfterSales?.ReturnedUnits ?? 0;
            var orderFigures = new KpiFigures
            {
                Orders = 1,
                Units = s.Lines.Sum(l => (long)l.Quantity),
                Revenue = s.Totals.Total.Amount,
                Cancelled = cancelled,
                Shipped = shipped is null ? 0 : 1,
                PlacedToShippedMs = shipped is { } sh ? Ms(s.CreatedAt, sh) : 0, // placed on creation
                Approvals = approved is null ? 0 : 1,
                ApprovalMs = approved is { } ap && requested is { } rq ? Ms(rq, ap) : 0,
                SlaMet = s.Sla.Count(d => d.Status == SlaStatus.Met),
                SlaBreached = s.Sla.Count(d => d.Status == SlaStatus.Breached),
                Cogs = Cogs(s.Lines),
                Margin = Margin(s.Lines),
                Returned = returned,
                ReturnedOrders = returned > 0 ? 1 : 0,
                Refunded = s.AfterSales?.RefundedAmount ?? 0,
                Corrections = corrected ? 1 : 0,
            };

            foreach (var grain in new[] { TimeGrain.Hour, TimeGrain.Day })
            {
                var period = grain.PeriodOf(s.CreatedAt);
                void Add(string dimension, KpiFigures f) =>
                    cells[(grain, period, dimension)] = (cells.GetValueOrDefault((grain, period, dimension)) ?? KpiFigures.Zero).Plus(f);

                Add("", orderFigures);
                Add($"channel:{ChannelName(s.Channel.Kind)}", orderFigures);
                Add($"customer:{s.Customer.CustomerId}", orderFigures);
                Add($"currency:{s.Currency}", orderFigures);
                foreach (var sku in s.Lines.GroupBy(l => l.Sku))
                    Add($"sku:{sku.Key}", new KpiFigures
                    {
                        Orders = 1, Units = sku.Sum(l => l.Quantity), Revenue = sku.Sum(l => l.Total), Cancelled = cancelled, Cogs = Cogs(sku), Margin = Margin(sku),
                    });
                foreach (var w in (s.Fulfilment?.Shipments ?? []).GroupBy(x => x.WarehouseId))
                    Add($"warehouse:{w.Key}", new KpiFigures { Orders = 1, Units = w.Sum(x => x.Units), Cancelled = cancelled });
                stepMs[(grain, period)] = stepMs.GetValueOrDefault((grain, period)) + Ms(s.CreatedAt, lastStatusChange);
            }
        }

        return new Expected(cells, stepMs, sequences);
    }

    /// <summary>What the analytics grains report, in the same shape (all dimensions but steps; steps summed per period).</summary>
    public static async Task<Expected> FromAnalyticsAsync(IGrainFactory grains, string tenant, DateTimeOffset from, DateTimeOffset to)
    {
        var cells = new Dictionary<(TimeGrain, DateTimeOffset, string), KpiFigures>();
        var stepMs = new Dictionary<(TimeGrain, DateTimeOffset), long>();
        foreach (var grain in new[] { TimeGrain.Hour, TimeGrain.Day })
        {
            foreach (var dimension in new[] { "", "channel", "customer", "currency", "sku", "warehouse" })
                foreach (var p in await TenantAnalytics.GetSeriesAsync(grains, tenant, new KpiQuery { From = from, To = to, Grain = grain, Dimension = dimension }))
                    cells[(grain, p.PeriodStart, p.Dimension)] = p.Figures;
            foreach (var p in await TenantAnalytics.GetSeriesAsync(grains, tenant, new KpiQuery { From = from, To = to, Grain = grain, Dimension = "step" }))
                stepMs[(grain, p.PeriodStart)] = stepMs.GetValueOrDefault((grain, p.PeriodStart)) + p.Figures.StepMs;
        }

        var progress = await TenantAnalytics.GetProgressAsync(grains, tenant);
        return new Expected(cells, stepMs, progress.Sum(p => p.LastSequenceSum));
    }

    /// <summary>Whole milliseconds between Unix-millisecond times (real clocks have ticks below a millisecond).</summary>
    private static long Ms(DateTimeOffset from, DateTimeOffset to) => to.ToUnixTimeMilliseconds() - from.ToUnixTimeMilliseconds();

    private static string ChannelName(ChannelKind kind) => kind == ChannelKind.InStore ? "in-store" : kind.ToString().ToLowerInvariant();
}
