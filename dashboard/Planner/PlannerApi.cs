using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Api;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.Runtime;

namespace OrderCluster.Dashboard.Planner;

/// <summary>
/// The planner: a page at <c>/dashboard/planner</c> and its read-only JSON and CSV under <c>/dashboard/api/planner</c>, for any
/// tenant a dashboard reader names (dashboard users operate the whole cluster). Data comes from the forecast grains
/// (<see cref="IForecastGrain.GetAsync"/>) and the tenant's analytics shards (<see cref="TenantAnalytics"/>).
/// </summary>
internal static class PlannerApi
{
    public const int MaxHistory = 5_000;
    private const int MaxKpiPeriods = 24 * 400;
    private const int MaxDimensionLength = 300;

    public static void MapPlanner(this RouteGroupBuilder dashboard, RouteGroupBuilder api)
    {
        dashboard.MapGet("/planner", (HttpContext context, AssetStore assets) => PageApi.Html(context, assets, "planner.html", null, StatusCodes.Status200OK))
            .RequireAuthorization(DashboardScopes.ReadPolicy);
        var planner = api.MapGroup("/planner").RequireAuthorization(DashboardScopes.ReadPolicy);
        planner.MapGet("/series", SeriesAsync);
        planner.MapGet("/forecast", ForecastAsync);
        planner.MapGet("/forecast.csv", ForecastCsvAsync);
        planner.MapGet("/kpis", KpisAsync);
        planner.MapGet("/kpis.csv", KpisCsvAsync);
        planner.MapPlannerReports(); // reports: built-in and saved, the builder (PlannerReportsApi)
    }

    /// <summary>The tenant's forecast series and KPI dimensions (empty lists for a tenant without orders).</summary>
    private static async Task<Results<JsonHttpResult<PlannerSeriesList>, ProblemHttpResult>> SeriesAsync(
        string? tenant, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (CheckTenant(tenant) is { } bad) return bad;
        var dimensions = await TenantAnalytics.GetDimensionsAsync(grains, tenant!);
        return TypedResults.Json(new PlannerSeriesList(tenant!, PlannerCatalogue.SeriesOf(tenant!, dimensions), dimensions),
            PlannerJsonContext.Default.PlannerSeriesList);
    }

    /// <summary>One series: history (the last <paramref name="history"/> periods), latest forecast with bounds, rolling accuracy, scored points.</summary>
    private static async Task<Results<JsonHttpResult<PlannerForecast>, ProblemHttpResult>> ForecastAsync(
        string? tenant, string? grain, string? dimension, int? history, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (forecast, problem) = await ReadForecastAsync(tenant, grain, dimension, history, grains);
        return forecast is null ? problem! : TypedResults.Json(forecast, PlannerJsonContext.Default.PlannerForecast);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ForecastCsvAsync(
        string? tenant, string? grain, string? dimension, int? history, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (forecast, problem) = await ReadForecastAsync(tenant, grain, dimension, history, grains);
        if (forecast is null) return problem!;
        return Csv(PlannerCsv.Series(forecast.View), $"{forecast.Series.Key.Replace('/', '-')}.csv");
    }

    /// <summary>KPI cells per hour or day (default: the last 48 hours or 30 days) for the total, a dimension kind or one value.</summary>
    private static async Task<Results<JsonHttpResult<PlannerKpis>, ProblemHttpResult>> KpisAsync(
        string? tenant, string? grain, string? dimension, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (kpis, problem) = await ReadKpisAsync(tenant, grain, dimension, from, to, grains, time);
        return kpis is null ? problem! : TypedResults.Json(kpis, PlannerJsonContext.Default.PlannerKpis);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> KpisCsvAsync(
        string? tenant, string? grain, string? dimension, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (kpis, problem) = await ReadKpisAsync(tenant, grain, dimension, from, to, grains, time);
        if (kpis is null) return problem!;
        var what = kpis.Dimension.Length == 0 ? "total" : new string([.. kpis.Dimension.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_')]);
        return Csv(PlannerCsv.Kpis(kpis.Points), $"{kpis.Tenant}-kpis-{kpis.Grain}-{what}.csv");
    }

    private static async Task<(PlannerForecast? Forecast, ProblemHttpResult? Problem)> ReadForecastAsync(
        string? tenant, string? grain, string? dimension, int? history, IGrainFactory grains)
    {
        if (CheckTenant(tenant) is { } bad) return (null, bad);
        if (ParseGrain(grain) is not { } timeGrain) return (null, DashboardProblems.BadRequest("grain must be 'hour' or 'day'."));
        var periods = history ?? (timeGrain == TimeGrain.Hour ? 168 : 90);
        if (periods is < 1 or > MaxHistory) return (null, DashboardProblems.BadRequest($"history must be 1–{MaxHistory} periods."));
        var id = new SeriesId(tenant!, timeGrain, dimension ?? "");
        var known = PlannerCatalogue.SeriesOf(tenant!, await TenantAnalytics.GetDimensionsAsync(grains, tenant!));
        if (known.FirstOrDefault(s => s.Key == id.Key) is not { } series)
            return (null, DashboardProblems.NotFound($"Tenant '{tenant}' has no forecast series '{id.Key}'; GET /dashboard/api/planner/series?tenant={tenant} lists them."));
        return (new PlannerForecast(series, await grains.GetGrain<IForecastGrain>(id.Key).GetAsync(periods)), null);
    }

    private static async Task<(PlannerKpis? Kpis, ProblemHttpResult? Problem)> ReadKpisAsync(
        string? tenant, string? grain, string? dimension, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, TimeProvider time)
    {
        if (CheckTenant(tenant) is { } bad) return (null, bad);
        if (ParseGrain(grain) is not { } timeGrain) return (null, DashboardProblems.BadRequest("grain must be 'hour' or 'day'."));
        dimension ??= "";
        if (dimension.Length > MaxDimensionLength) return (null, DashboardProblems.BadRequest($"dimension is longer than {MaxDimensionLength} characters."));
        var end = to ?? timeGrain.PeriodOf(time.GetUtcNow()) + timeGrain.Length(); // up to the end of the current period
        var start = from ?? end - (timeGrain == TimeGrain.Hour ? TimeSpan.FromHours(48) : TimeSpan.FromDays(30));
        if (start >= end) return (null, DashboardProblems.BadRequest("from must be before to."));
        if ((end - start) / timeGrain.Length() > MaxKpiPeriods) return (null, DashboardProblems.BadRequest($"at most {MaxKpiPeriods} periods per request."));
        var points = await TenantAnalytics.GetSeriesAsync(grains, tenant!, new KpiQuery { From = start, To = end, Grain = timeGrain, Dimension = dimension });
        return (new PlannerKpis(tenant!, timeGrain == TimeGrain.Hour ? "hour" : "day", dimension, start, end, points), null);
    }

    private static ProblemHttpResult? CheckTenant(string? tenant) =>
        TenantKeys.CheckTenantId(tenant, "tenant") is { } error ? DashboardProblems.BadRequest(error.Message) : null;

    private static TimeGrain? ParseGrain(string? grain) => grain switch
    {
        "hour" => TimeGrain.Hour,
        "day" => TimeGrain.Day,
        _ => null,
    };

    private static FileContentHttpResult Csv(string text, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", fileName);
}
