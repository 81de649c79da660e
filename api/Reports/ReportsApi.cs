using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;
using OrderCluster.Api.Tenants;
using OrderCluster.GrainInterfaces.Reports;

namespace OrderCluster.Api.Reports;

/// <summary>
/// Reports of the caller's tenant under <c>/api/v1/reports</c>: the built-in ones and the tenant's saved ones, run as JSON or CSV
/// (<c>Accept: text/csv</c> or <c>?format=csv</c>), ad hoc runs of a definition, saved-report CRUD with <c>If-Match</c>, schedules and
/// their delivery log. Reading needs <c>orders:read</c> and changing <c>orders:write</c>, like analytics and saved searches.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("", ListAsync).WithName("ListReports").RequireAuthorization(ApiScopes.OrdersRead);
        reports.MapGet("/measures", Catalogue).WithName("ListReportMeasures").RequireAuthorization(ApiScopes.OrdersRead);
        reports.MapPost("/run", RunAdHocAsync).WithName("RunAdHocReport").RequireAuthorization(ApiScopes.OrdersRead);
        reports.MapPost("", CreateAsync).WithName("CreateReport").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        reports.MapGet("/{reportId}", GetAsync).WithName("GetReport").RequireAuthorization(ApiScopes.OrdersRead);
        reports.MapGet("/{reportId}/run", RunAsync).WithName("RunReport").RequireAuthorization(ApiScopes.OrdersRead);
        reports.MapPut("/{reportId}", UpdateAsync).WithName("UpdateReport").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        reports.MapDelete("/{reportId}", DeleteAsync).WithName("DeleteReport").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        reports.MapPut("/{reportId}/schedule", ScheduleAsync).WithName("ScheduleReport").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        reports.MapDelete("/{reportId}/schedule", UnscheduleAsync).WithName("UnscheduleReport").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        reports.MapGet("/{reportId}/deliveries", DeliveriesAsync).WithName("ListReportDeliveries").RequireAuthorization(ApiScopes.OrdersRead);
        return reports;
    }

    /// <summary>A saved report's name, description and definition.</summary>
    public sealed record SaveReportRequest
    {
        public required string Name { get; init; }

        public string? Description { get; init; }

        public required ReportDefinition Definition { get; init; }
    }

    /// <summary>What <c>GET /reports</c> answers: every built-in report and the tenant's saved ones.</summary>
    public sealed record ReportList(ImmutableArray<BuiltInReport> BuiltIn, ImmutableArray<SavedReport> Saved);

    /// <summary>What a definition may use: the measures, dimension kinds and grains.</summary>
    public sealed record ReportCatalogue(ImmutableArray<ReportColumn> Measures, ImmutableArray<string> Dimensions, ImmutableArray<string> Grains);

    private static async Task<Ok<ReportList>> ListAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReportList(BuiltInReports.All, await Grain(http, grains).ListAsync()));

    private static Ok<ReportCatalogue> Catalogue() => TypedResults.Ok(new ReportCatalogue(
        [.. ReportMeasures.All.Select(m => m.Column)], ReportValidation.Dimensions, ["hour", "day", "week", "month", "total"]));

    private static async Task<Results<Ok<ReportResult>, FileContentHttpResult, ProblemHttpResult>> RunAdHocAsync(
        JsonBody<ReportDefinition> body, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken, string? format = null)
    {
        if (CheckFormat(http, format, out var csv) is { } badFormat) return badFormat;
        if (Invalid(ReportValidation.Check(body.Value, time.GetUtcNow())) is { } bad) return bad;
        return Answer(await ReportRunner.RunAsync(grains, Tenant(http), body.Value, time.GetUtcNow()), csv, "report");
    }

    /// <summary>Runs a built-in report (by its id, e.g. <c>top-customers</c>) or a saved one (<c>rpt_…</c>).</summary>
    private static async Task<Results<Ok<ReportResult>, FileContentHttpResult, ProblemHttpResult>> RunAsync(
        string reportId, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken, string? format = null)
    {
        if (CheckFormat(http, format, out var csv) is { } badFormat) return badFormat;
        var now = time.GetUtcNow();
        if (BuiltInReports.Find(reportId) is { } builtIn)
            return Answer(await ReportRunner.RunAsync(grains, Tenant(http), builtIn.Definition, now, builtIn.ReportId, builtIn.Name, builtIn.WaitingFor), csv, builtIn.ReportId);
        var saved = await Grain(http, grains).GetAsync(reportId); // another tenant's id: report-not-found, 404
        return Answer(await ReportRunner.RunAsync(grains, Tenant(http), saved.Definition, now, saved.ReportId, saved.Name), csv, saved.ReportId);
    }

    private static async Task<Results<Created<SavedReport>, ProblemHttpResult>> CreateAsync(
        JsonBody<SaveReportRequest> body, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (CheckRequest(body.Value, time.GetUtcNow()) is { } bad) return bad;
        var report = await Grain(http, grains).CreateAsync(Command(http, body.Value));
        ETags.Set(http, report.Version);
        return TypedResults.Created($"/api/v1/reports/{report.ReportId}", report);
    }

    private static async Task<Results<Ok<SavedReport>, Ok<BuiltInReport>, ProblemHttpResult>> GetAsync(
        string reportId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (BuiltInReports.Find(reportId) is { } builtIn) return TypedResults.Ok(builtIn);
        var report = await Grain(http, grains).GetAsync(reportId);
        ETags.Set(http, report.Version);
        return TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<SavedReport>, ProblemHttpResult>> UpdateAsync(
        string reportId, JsonBody<SaveReportRequest> body, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Preconditions.ReadIfMatch(http, out var expected) is { } badIfMatch) return badIfMatch;
        if (BuiltInReports.Find(reportId) is not null) return BuiltInIsReadOnly(reportId);
        if (CheckRequest(body.Value, time.GetUtcNow()) is { } bad) return bad;
        var report = await Grain(http, grains).UpdateAsync(reportId, Command(http, body.Value), expected);
        ETags.Set(http, report.Version);
        return TypedResults.Ok(report);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string reportId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Preconditions.ReadIfMatch(http, out var expected) is { } badIfMatch) return badIfMatch;
        if (BuiltInReports.Find(reportId) is not null) return BuiltInIsReadOnly(reportId);
        await Grain(http, grains).DeleteAsync(reportId, expected);
        return TypedResults.NoContent();
    }

    /// <summary>Sets when and where the report is delivered as CSV (daily or weekly at HH:mm UTC, to an e-mail address or a webhook subscription).</summary>
    private static async Task<Results<Ok<SavedReport>, ProblemHttpResult>> ScheduleAsync(
        string reportId, JsonBody<ReportSchedule> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Preconditions.ReadIfMatch(http, out var expected) is { } badIfMatch) return badIfMatch;
        if (BuiltInReports.Find(reportId) is not null) return BuiltInIsReadOnly(reportId);
        if (Invalid(ReportSchedules.Check(body.Value)) is { } bad) return bad;
        var report = await Grain(http, grains).ScheduleAsync(reportId, body.Value, expected);
        ETags.Set(http, report.Version);
        return TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<SavedReport>, ProblemHttpResult>> UnscheduleAsync(string reportId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Preconditions.ReadIfMatch(http, out var expected) is { } badIfMatch) return badIfMatch;
        if (BuiltInReports.Find(reportId) is not null) return BuiltInIsReadOnly(reportId);
        var report = await Grain(http, grains).ScheduleAsync(reportId, null, expected);
        ETags.Set(http, report.Version);
        return TypedResults.Ok(report);
    }

    private static async Task<Ok<ReportDeliveryLog>> DeliveriesAsync(string reportId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Grain(http, grains).GetDeliveriesAsync(reportId));

    private static Results<Ok<ReportResult>, FileContentHttpResult, ProblemHttpResult> Answer(ReportResult result, bool csv, string fileName) =>
        csv ? TypedResults.File(Encoding.UTF8.GetBytes(ReportCsv.Write(result)), ReportCsv.MediaType + "; charset=utf-8", fileName + ".csv") : TypedResults.Ok(result);

    /// <summary>CSV when <c>format=csv</c>, or when no format is given and Accept prefers <c>text/csv</c>; JSON otherwise.</summary>
    private static ProblemHttpResult? CheckFormat(HttpContext http, string? format, out bool csv)
    {
        csv = format switch
        {
            "csv" => true,
            "json" => false,
            null => http.Request.GetTypedHeaders().Accept is { Count: > 0 } accept
                    && accept.Any(a => a.MediaType.Equals(ReportCsv.MediaType, StringComparison.OrdinalIgnoreCase))
                    && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };
        return format is null or "csv" or "json" ? null : ApiProblems.BadRequest("format", "format must be 'json' or 'csv'.");
    }

    private static ProblemHttpResult? CheckRequest(SaveReportRequest request, DateTimeOffset now)
    {
        var errors = ReportValidation.Check(request.Definition, now).Select(e => e with { Field = "definition." + e.Field }).ToList();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors.Insert(0, new FieldError("name", "invalid-report", "name must be 1–200 characters."));
        if (request.Description is { Length: > 2_000 }) errors.Add(new FieldError("description", "invalid-report", "description is at most 2000 characters."));
        return Invalid(errors);
    }

    private static ProblemHttpResult? Invalid(IReadOnlyCollection<FieldError> errors) => errors.Count == 0
        ? null
        : ApiProblems.BadRequest(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            errors.Count == 1 ? errors.First().Message : $"{errors.Count} fields are invalid: {string.Join(", ", errors.Select(e => e.Field).Distinct())}.");

    private static SaveReport Command(HttpContext http, SaveReportRequest request) =>
        new() { Name = request.Name, Description = request.Description, Definition = request.Definition, SavedBy = ApiCaller.From(http.User).KeyId };

    private static ProblemHttpResult BuiltInIsReadOnly(string reportId) => ApiProblems.Create(StatusCodes.Status409Conflict, "report-built-in", "Built-in reports cannot be changed",
        $"'{reportId}' is a built-in report: save a copy of its definition with POST /api/v1/reports.");

    private static string Tenant(HttpContext http) => ApiCaller.From(http.User).TenantId;

    private static ISavedReportsGrain Grain(HttpContext http, IGrainFactory grains) => TenantGrains.Of<ISavedReportsGrain>(http, grains);
}
