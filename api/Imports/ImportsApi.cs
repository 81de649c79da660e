using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Imports;

/// <summary>
/// Migration import of orders exported from another commerce system: <c>application/json</c> (an array of orders, or
/// <c>{source, orders}</c>) or <c>text/csv</c> (one row per order line). Asynchronous: 202 with the job, whose progress,
/// counts and row errors <c>GET /imports/{jobId}</c> shows. Needs the <c>admin</c> scope: an import sets any status
/// directly, past the workflow's transitions and roles.
/// </summary>
public static class ImportsApi
{
    /// <summary>Orders in a JSON import, rows (order lines) in a CSV import.</summary>
    public const int MaxRows = 5000;

    /// <summary>Largest import body: 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The source system when the request names none.</summary>
    public const string DefaultSource = "external";

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("", StartAsync).WithName("StartImport").RequireAuthorization(ApiScopes.Admin).Idempotent()
            .Accepts<ImportRequest>("application/json", "text/csv")
            .WithDescription($"JSON: an array of orders or {{source, orders}}. CSV: a header row, then one row per order line grouped by order_id (columns: {string.Join(", ", ImportCsvReader.Columns)}). At most {MaxRows} orders (JSON) or rows (CSV) and {MaxBytes} bytes.");
        imports.MapGet("/{jobId}", GetAsync).WithName("GetImport").RequireAuthorization(ApiScopes.OrdersRead);
        return imports;
    }

    private static async Task<Results<Accepted<ImportJob>, ProblemHttpResult>> StartAsync(
        HttpContext http, IGrainFactory grains, ApiJson json, CancellationToken cancellationToken, string? source = null)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var isCsv = mediaType is "text/csv";
        if (!isCsv && mediaType is not ("application/json" or "text/json") && mediaType?.EndsWith("+json", StringComparison.Ordinal) != true)
            return ApiProblems.UnsupportedMediaType("application/json or text/csv");
        if (http.Request.ContentLength > MaxBytes) return ApiProblems.TooLarge(MaxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return ApiProblems.TooLarge(MaxBytes);
            buffer.Write(chunk, 0, read);
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var caller = ApiCaller.From(http.User);
        var items = isCsv ? ReadCsv(body, caller.Actor, ref source, out var problem) : ReadJson(body, json, caller.Actor, ref source, out problem);
        if (problem is not null) return problem;
        if (TenantKeys.CheckId(source, "source") is { } badSource) return ApiProblems.BadRequest("source", badSource.Message);

        var jobId = "i" + Guid.CreateVersion7().ToString("N");
        var job = await grains.GetGrain<IImportJobGrain>(caller.KeyFor(jobId, "jobId")).StartAsync(new ImportJobSpec
        {
            SourceSystem = source!, Format = isCsv ? "csv" : "json", Items = items,
        });
        return TypedResults.Accepted($"/api/v1/imports/{job.JobId}", job);
    }

    private static ImmutableArray<ImportItem> ReadJson(ReadOnlyMemory<byte> body, ApiJson json, Actor actor, ref string? source, out ProblemHttpResult? problem)
    {
        var parsed = ImportJsonReader.Parse(body);
        using var document = parsed.Document;
        problem = parsed.Problem is { } message ? ApiProblems.BadRequest(parsed.ProblemField!, message) : null;
        if (problem is not null) return [];
        if (parsed.Orders.Length > MaxRows)
        {
            problem = ApiProblems.BadRequest("orders", $"An import has at most {MaxRows} orders.");
            return [];
        }

        var system = source = parsed.Source ?? source ?? DefaultSource;
        return [.. parsed.Orders.Select(o =>
        {
            var order = ImportJsonReader.ReadOrder(o.Order, json.Read, out var field, out var error);
            var sourceId = o.Order.ValueKind == System.Text.Json.JsonValueKind.Object && o.Order.TryGetProperty("id", out var id)
                && id.ValueKind == System.Text.Json.JsonValueKind.String ? id.GetString() : null;
            return order is null
                ? ImportItems.Failed(o.Row, sourceId, [new ImportRowError(o.Row, sourceId, field, "invalid-row", error!)])
                : ImportItems.From(o.Row, order, system, actor);
        })];
    }

    private static ImmutableArray<ImportItem> ReadCsv(ReadOnlyMemory<byte> body, Actor actor, ref string? source, out ProblemHttpResult? problem)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            problem = ApiProblems.BadRequest("body", "A CSV import must be UTF-8.");
            return [];
        }

        var parsed = ImportCsvReader.Parse(text.TrimStart('\uFEFF'), MaxRows);
        problem = parsed.Problem is { } message ? ApiProblems.BadRequest(parsed.ProblemField!, message) : null;
        if (problem is not null) return [];
        var system = source ??= DefaultSource;
        return [.. parsed.Orders.Select(group =>
        {
            var order = ImportCsvReader.ToOrder(group);
            return group.Errors.Count > 0
                ? ImportItems.Failed(group.Row, group.OrderId, [.. group.Errors])
                : ImportItems.From(group.Row, order, system, actor, [.. group.Lines.Select(l => l.Row)]);
        })];
    }

    private static async Task<Results<Ok<ImportJob>, ProblemHttpResult>> GetAsync(string jobId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var job = TenantKeys.CheckId(jobId, "jobId") is null ? await grains.GetGrain<IImportJobGrain>(caller.KeyFor(jobId, "jobId")).GetAsync() : null;
        return job is null ? ApiProblems.NotFound("import-not-found", $"There is no import '{jobId}'.") : TypedResults.Ok(job);
    }
}
