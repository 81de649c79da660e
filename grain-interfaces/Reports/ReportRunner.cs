using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.GrainInterfaces.Reports;

/// <summary>Runs a report definition for a tenant: one KPI query across the tenant's analytics shards, then <see cref="ReportComputation"/>.</summary>
public static class ReportRunner
{
    /// <summary>Runs a definition that passed <see cref="ReportValidation.Check"/> (a failing one throws <see cref="ValidationFailedException"/>).</summary>
    public static async Task<ReportResult> RunAsync(IGrainFactory grains, string tenant, ReportDefinition definition, DateTimeOffset now,
        string? reportId = null, string? name = null, ImmutableArray<string> waitingFor = default)
    {
        var errors = ReportValidation.Check(definition, now);
        if (!errors.IsEmpty) throw new ValidationFailedException(errors);
        ReportValidation.ResolveRange(definition, now, out var from, out var to);
        var points = await TenantAnalytics.GetSeriesAsync(grains, tenant, new KpiQuery
        {
            From = from, To = to, Grain = ReportValidation.KpiGrainOf(definition.Grain), Dimension = definition.Dimension,
        });
        return new ReportResult
        {
            ReportId = reportId,
            Name = name,
            Definition = definition,
            From = from,
            To = to,
            Columns = [.. definition.Measures.Select(m => ReportMeasures.Find(m)!.Column)],
            Rows = ReportComputation.Rows(definition, points),
            WaitingFor = waitingFor.IsDefault ? [] : waitingFor,
        };
    }
}
