using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Api;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Reports;
using OrderCluster.Runtime;

namespace OrderCluster.Dashboard.Planner;

/// <summary>What the planner's report picker lists: built-in and saved reports, and what the builder may use.</summary>
public sealed record PlannerReportList(string Tenant, IReadOnlyList<BuiltInReport> BuiltIn, IReadOnlyList<SavedReport> Saved,
    IReadOnlyList<ReportColumn> Measures, IReadOnlyList<string> Dimensions);

/// <summary>A report the builder saves: its name and definition.</summary>
public sealed record PlannerSaveReport(string Name, ReportDefinition Definition);

/// <summary>
/// The planner's reports, under <c>/dashboard/api/planner/reports</c> for a tenant a dashboard reader names: list, run (JSON or CSV)
/// a built-in or saved report, run a builder's definition, and save it (an operator action, like every dashboard change). Runs
/// go through <see cref="ReportRunner"/>, so the page shows what <c>/api/v1/reports</c> answers.
/// </summary>
internal static class PlannerReportsApi
{
    /// <summary>camelCase, enums as camelCase strings, unknown members refused (reflection: these records are the grain contracts).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    private const int MaxBodyBytes = 64 * 1024;

    public static void MapPlannerReports(this RouteGroupBuilder planner)
    {
        planner.MapGet("/reports", ListAsync);
        planner.MapGet("/reports/run", RunAsync);
        planner.MapGet("/reports/run.csv", RunCsvAsync);
        planner.MapPost("/reports/preview", PreviewAsync).AddEndpointFilter<OriginCheckFilter>();
        planner.MapPost("/reports", SaveAsync).RequireAuthorization(DashboardScopes.AdminPolicy).AddEndpointFilter<OriginCheckFilter>();
    }

    private static async Task<Results<JsonHttpResult<PlannerReportList>, ProblemHttpResult>> ListAsync(string? tenant, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (CheckTenant(tenant) is { } bad) return bad;
        var saved = await grains.GetGrain<ISavedReportsGrain>(tenant!).ListAsync();
        return TypedResults.Json(new PlannerReportList(tenant!, BuiltInReports.All, saved, [.. ReportMeasures.All.Select(m => m.Column)], ReportValidation.Dimensions), Json);
    }

    private static async Task<Results<JsonHttpResult<ReportResult>, ProblemHttpResult>> RunAsync(
        string? tenant, string? report, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var (result, problem) = await ReadAsync(tenant, report, grains, time);
        return result is null ? problem! : TypedResults.Json(result, Json);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RunCsvAsync(
        string? tenant, string? report, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var (result, problem) = await ReadAsync(tenant, report, grains, time);
        if (result is null) return problem!;
        return TypedResults.File(Encoding.UTF8.GetBytes(ReportCsv.Write(result)), ReportCsv.MediaType + "; charset=utf-8", $"{tenant}-{result.ReportId}.csv");
    }

    /// <summary>Runs the builder's definition without saving it.</summary>
    private static async Task<Results<JsonHttpResult<ReportResult>, ProblemHttpResult>> PreviewAsync(
        string? tenant, HttpRequest request, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (CheckTenant(tenant) is { } bad) return bad;
        var (definition, problem) = await ReadBodyAsync<ReportDefinition>(request, cancellationToken);
        if (definition is null) return problem!;
        if (Invalid(ReportValidation.Check(definition, time.GetUtcNow())) is { } invalid) return invalid;
        return TypedResults.Json(await ReportRunner.RunAsync(grains, tenant!, definition, time.GetUtcNow()), Json);
    }

    private static async Task<Results<JsonHttpResult<SavedReport>, ProblemHttpResult>> SaveAsync(
        string? tenant, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (CheckTenant(tenant) is { } bad) return bad;
        var (body, problem) = await ReadBodyAsync<PlannerSaveReport>(request, cancellationToken);
        if (body is null) return problem!;
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200) return DashboardProblems.BadRequest("name must be 1–200 characters.");
        if (Invalid(ReportValidation.Check(body.Definition, time.GetUtcNow())) is { } invalid) return invalid;
        var saved = await grains.GetGrain<ISavedReportsGrain>(tenant!).CreateAsync(new SaveReport
        {
            Name = body.Name, Definition = body.Definition, SavedBy = "dashboard:" + (user.Identity?.Name ?? "operator"),
        });
        return TypedResults.Json(saved, Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<(ReportResult? Result, ProblemHttpResult? Problem)> ReadAsync(string? tenant, string? report, IGrainFactory grains, TimeProvider time)
    {
        if (CheckTenant(tenant) is { } bad) return (null, bad);
        if (string.IsNullOrEmpty(report)) return (null, DashboardProblems.BadRequest("report is required (a built-in id such as volume-trends, or a saved report's id)."));
        var now = time.GetUtcNow();
        if (BuiltInReports.Find(report) is { } builtIn)
            return (await ReportRunner.RunAsync(grains, tenant!, builtIn.Definition, now, builtIn.ReportId, builtIn.Name, builtIn.WaitingFor), null);
        try
        {
            var saved = await grains.GetGrain<ISavedReportsGrain>(tenant!).GetAsync(report);
            return (await ReportRunner.RunAsync(grains, tenant!, saved.Definition, now, saved.ReportId, saved.Name), null);
        }
        catch (NotFoundException e)
        {
            return (null, DashboardProblems.NotFound(e.Error.Reason));
        }
    }

    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentLength > MaxBodyBytes) return (null, DashboardProblems.BadRequest($"The body is larger than {MaxBodyBytes} bytes."));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Json, cancellationToken);
            return value is null ? (null, DashboardProblems.BadRequest("A JSON object is required.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, DashboardProblems.BadRequest("The body is not a valid report: " + (e.Path is { Length: > 0 } path ? $"{path} is wrong." : "malformed JSON.")));
        }
    }

    private static ProblemHttpResult? Invalid(IReadOnlyCollection<FieldError> errors) =>
        errors.Count == 0 ? null : DashboardProblems.BadRequest(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")));

    private static ProblemHttpResult? CheckTenant(string? tenant) =>
        TenantKeys.CheckTenantId(tenant, "tenant") is { } error ? DashboardProblems.BadRequest(error.Message) : null;
}
