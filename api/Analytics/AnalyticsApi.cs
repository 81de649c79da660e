using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Api.Analytics;

/// <summary>
/// KPIs and demand forecasts with their accuracy, for the caller's tenant, under <c>/api/v1/analytics</c>. Reading needs
/// <c>orders:read</c>: the API has no analytics or forecast scope yet (a one-line change here when it has).
/// </summary>
public static class AnalyticsApi
{
    private const int MaxPeriods = 24 * 400;

    /// <summary>Maps under the API's <c>/api/v1</c> group, which brings the key authentication, the rate limit and the problem filters.</summary>
    public static RouteGroupBuilder MapAnalyticsApi(this RouteGroupBuilder api)
    {
        var analytics = api.MapGroup("/analytics").WithTags("Analytics").RequireAuthorization(ApiScopes.OrdersRead);
        analytics.MapGet("/kpis", KpisAsync).WithName("GetKpis");
        analytics.MapGet("/dimensions", DimensionsAsync).WithName("ListKpiDimensions");
        analytics.MapGet("/forecasts/{grain}", ForecastAsync).WithName("GetForecast");
        return analytics;
    }

    /// <summary>KPI cells of periods starting in [from, to) (default: the last 7 days), per hour or day, for a dimension (empty: total).</summary>
    private static async Task<Results<JsonHttpResult<ImmutableArray<KpiPoint>>, ProblemHttpResult>> KpisAsync(
        HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? grain = null, string? dimension = null)
    {
        if (ParseGrain(grain ?? "hour") is not { } timeGrain) return ApiProblems.BadRequest("grain", "grain must be 'hour' or 'day'.");
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-7);
        if (start >= end) return ApiProblems.BadRequest("from", "from must be before to.");
        if ((end - start) / timeGrain.Length() > MaxPeriods) return ApiProblems.BadRequest("from", $"at most {MaxPeriods} periods per request.");
        var points = await TenantAnalytics.GetSeriesAsync(grains, ApiCaller.From(http.User).TenantId,
            new KpiQuery { From = start, To = end, Grain = timeGrain, Dimension = dimension ?? "" });
        return TypedResults.Json(points, AnalyticsContractsJsonContext.Default.ImmutableArrayKpiPoint);
    }

    private static async Task<JsonHttpResult<ImmutableArray<string>>> DimensionsAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Json(await TenantAnalytics.GetDimensionsAsync(grains, ApiCaller.From(http.User).TenantId), AnalyticsContractsJsonContext.Default.ImmutableArrayString);

    /// <summary>The series' history, latest forecast with its interval, rolling sMAPE/MASE/coverage and recent scored points.</summary>
    private static async Task<Results<JsonHttpResult<ForecastView>, ProblemHttpResult>> ForecastAsync(
        string grain, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, string? dimension = null, int history = 168)
    {
        if (ParseGrain(grain) is not { } timeGrain) return ApiProblems.BadRequest("grain", "grain must be 'hour' or 'day'.");
        if (history is < 1 or > 5_000) return ApiProblems.BadRequest("history", "history must be 1–5000 periods.");
        var series = new SeriesId(ApiCaller.From(http.User).TenantId, timeGrain, dimension ?? "");
        var view = await grains.GetGrain<IForecastGrain>(series.Key).GetAsync(history);
        return TypedResults.Json(view, AnalyticsContractsJsonContext.Default.ForecastView);
    }

    private static TimeGrain? ParseGrain(string grain) => grain switch
    {
        "hour" => TimeGrain.Hour,
        "day" => TimeGrain.Day,
        _ => null,
    };
}
