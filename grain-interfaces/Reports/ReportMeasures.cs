using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.GrainInterfaces.Reports;

/// <summary>A measure a report can show: a function of a cell's <see cref="KpiFigures"/> (summed first, so ratios and averages stay exact).</summary>
public sealed record ReportMeasure(string Name, string Label, string Unit, Func<KpiFigures, double?> Of)
{
    public ReportColumn Column => new(Name, Label, Unit);
}

/// <summary>
/// The catalogue of report measures: one line per measure. A new KPI figure becomes reportable by adding its line here.
/// Cells of a dimension carry only some figures (e.g. SKU and warehouse cells no shipping or SLA figures, step cells only orders
/// and step times; see grains/Analytics/KpiContributions), so a measure with nothing behind it is 0 or empty there.
/// </summary>
public static class ReportMeasures
{
    public static ImmutableArray<ReportMeasure> All { get; } =
    [
        new("orders", "Orders", "count", f => f.Orders),
        new("units", "Units", "count", f => f.Units),
        new("revenue", "Revenue", "amount", f => (double)f.Revenue),
        new("avg_order_value", "Average order value", "amount", f => f.Orders == 0 ? null : (double)(f.Revenue / f.Orders)),
        new("cancelled", "Cancelled orders", "count", f => f.Cancelled),
        new("cancellation_rate", "Cancellation rate", "ratio", f => f.Orders == 0 ? null : (double)f.Cancelled / f.Orders),
        new("shipped", "Shipped orders", "count", f => f.Shipped),
        new("avg_placed_to_shipped_hours", "Average placed → shipped", "hours", f => f.AveragePlacedToShippedHours),
        new("approvals", "Approvals", "count", f => f.Approvals),
        new("avg_approval_minutes", "Average approval time", "minutes", f => f.AverageApprovalMinutes),
        new("sla_met", "SLAs met", "count", f => f.SlaMet),
        new("sla_breached", "SLAs breached", "count", f => f.SlaBreached),
        new("sla_compliance", "SLA compliance", "ratio", f => f.SlaCompliance),
        new("step_exits", "Step exits", "count", f => f.StepExits),
        new("avg_step_minutes", "Average time in step", "minutes", f => f.AverageStepMinutes),
        new("cogs", "Cost of goods sold", "amount", f => (double)f.Cogs),
        new("margin", "Margin", "amount", f => (double)f.Margin),
        new("margin_rate", "Margin rate", "ratio", f => f.Cogs + f.Margin == 0 ? null : (double)(f.Margin / (f.Cogs + f.Margin))),
        new("returned_units", "Returned units", "count", f => f.Returned),
        new("returned_orders", "Orders with a return", "count", f => f.ReturnedOrders),
        new("return_rate", "Return rate", "ratio", f => f.ReturnRate),
        new("refunded", "Refunded", "amount", f => (double)f.Refunded),
        new("corrections", "Orders needing correction", "count", f => f.Corrections),
        new("error_rate", "Error rate", "ratio", f => f.ErrorRate),
    ];

    private static readonly Dictionary<string, ReportMeasure> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static ReportMeasure? Find(string name) => ByName.GetValueOrDefault(name);

    public static bool Exists(string name) => ByName.ContainsKey(name);
}
