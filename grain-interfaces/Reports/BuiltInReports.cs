namespace OrderCluster.GrainInterfaces.Reports;

/// <summary>A named report every tenant has. <see cref="WaitingFor"/>: measures it asks for that the KPI figures do not carry yet (left out until they do).</summary>
public sealed record BuiltInReport(string ReportId, string Name, string Description, ReportDefinition Definition, ImmutableArray<string> WaitingFor);

/// <summary>
/// The built-in reports. Each names the measures it wants; one missing from <see cref="ReportMeasures"/> (a figure the
/// analytics grains do not keep yet) is listed as waited for and left out, and appears as soon as its catalogue line exists.
/// </summary>
public static class BuiltInReports
{
    public static ImmutableArray<BuiltInReport> All { get; } =
    [
        Define("volume-trends", "Volume trends", "Orders, units and revenue per day over the last 30 days.",
            ["orders", "units", "revenue"], new ReportDefinition { Grain = ReportGrain.Day, Range = "last 30 days" }),
        Define("processing-time", "Processing time", "Average hours from placed to shipped and minutes of approval, per day.",
            ["avg_placed_to_shipped_hours", "avg_approval_minutes", "shipped"], new ReportDefinition { Grain = ReportGrain.Day, Range = "last 30 days" }),
        Define("sla-compliance", "SLA compliance", "Share of SLAs met, with the met and breached counts, per day.",
            ["sla_compliance", "sla_met", "sla_breached"], new ReportDefinition { Grain = ReportGrain.Day, Range = "last 30 days" }),
        Define("margin-by-sku", "Margin by SKU", "Revenue, cost and margin per SKU over the last 30 days, largest revenue first.",
            ["revenue", "units", "cogs", "margin", "margin_rate"], new ReportDefinition { Dimension = "sku", Grain = ReportGrain.Total, Range = "last 30 days", SortBy = "revenue" }),
        Define("margin-by-channel", "Margin by channel", "Revenue, cost and margin per sales channel over the last 30 days.",
            ["revenue", "orders", "cogs", "margin", "margin_rate"], new ReportDefinition { Dimension = "channel", Grain = ReportGrain.Total, Range = "last 30 days", SortBy = "revenue" }),
        Define("returns-rate", "Returns rate", "Orders, orders with a return, the return rate, returned units and refunds, per week.",
            ["orders", "returned_orders", "return_rate", "returned_units", "refunded"], new ReportDefinition { Grain = ReportGrain.Week, Range = "last 12 weeks" }),
        Define("top-customers", "Top customers", "The 10 customers with the most revenue over the last 90 days.",
            ["revenue", "orders", "avg_order_value"], new ReportDefinition { Dimension = "customer", Grain = ReportGrain.Total, Range = "last 90 days", SortBy = "revenue", Top = 10 }),
        Define("step-times", "Time per workflow step", "Average minutes orders spent in each status over the last 30 days.",
            ["avg_step_minutes", "step_exits"], new ReportDefinition { Dimension = "step", Grain = ReportGrain.Total, Range = "last 30 days", SortBy = "avg_step_minutes" }),
    ];

    public static BuiltInReport? Find(string reportId) => All.FirstOrDefault(r => r.ReportId == reportId);

    private static BuiltInReport Define(string id, string name, string description, string[] wanted, ReportDefinition definition)
    {
        ImmutableArray<string> measures = [.. wanted.Where(ReportMeasures.Exists)];
        var sortBy = definition.SortBy is { } s && measures.Contains(s) ? s : null;
        return new BuiltInReport(id, name, description, definition with { Measures = measures, SortBy = sortBy }, [.. wanted.Where(m => !ReportMeasures.Exists(m))]);
    }
}
