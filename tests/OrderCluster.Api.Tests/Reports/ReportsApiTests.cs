using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Reports;

/// <summary>
/// Reports over HTTP: runs equal a recomputation from the KPI endpoint's cells, CSV by Accept or <c>?format=csv</c>, saved reports
/// with ETags and If-Match, another tenant's report id is 404, schedules and their log, and bad input is a 400 naming the field.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReportsApiTests(ApiCluster api)
{
    [Fact]
    public async Task A_built_in_and_an_ad_hoc_run_equal_a_recomputation_from_the_kpi_cells_and_csv_holds_the_same_rows()
    {
        using var acme = api.Client();
        for (var i = 0; i < 3; i++)
            await ApiAssert.OkJsonAsync(await acme.PostJsonAsync("/api/v1/orders", OrderBodies.Order()), HttpStatusCode.Created);
        var adHoc = new { measures = new[] { "units", "revenue", "orders" }, dimension = "sku", grain = "week", range = "last 2 weeks", sortBy = "units" };

        // The orders reach analytics through the streams: compare once both reads see the same cells.
        JsonElement volume = default, skus = default;
        await Eventually.TrueAsync(async () =>
        {
            volume = await ApiAssert.OkJsonAsync(await acme.GetAsync("/api/v1/reports/volume-trends/run"));
            skus = await ApiAssert.OkJsonAsync(await acme.PostJsonAsync("/api/v1/reports/run", adHoc));
            return await MatchesKpisAsync(acme, volume, "", day => day, ["orders", "units", "revenue"])
                   && await MatchesKpisAsync(acme, skus, "sku", Monday, ["units", "revenue", "orders"]) && volume.GetProperty("rows").GetArrayLength() > 0;
        }, "the report rows equal the recomputation from the KPI cells");

        var units = skus.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("values")[0].GetDouble()).ToList();
        Assert.Equal(units.OrderDescending(), units);
        Assert.Equal(["orders", "units", "revenue"], volume.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        // The shared tenant's earlier orders may still be reaching analytics: read the JSON and both CSV forms until
        // one round sees the same cells, then compare them row by row.
        string text = "", byQuery = "";
        JsonElement rows = default;
        await Eventually.TrueAsync(async () =>
        {
            rows = (await ApiAssert.OkJsonAsync(await acme.GetAsync("/api/v1/reports/volume-trends/run"))).GetProperty("rows");
            using var byAccept = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/volume-trends/run");
            byAccept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
            var csv = await acme.SendAsync(byAccept);
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            text = await csv.Content.ReadAsStringAsync();
            byQuery = await (await acme.GetAsync("/api/v1/reports/volume-trends/run?format=csv")).Content.ReadAsStringAsync();
            return text == byQuery && text.Split("\r\n")[1..^1].SequenceEqual(CsvRows(rows));
        }, "the JSON run and both CSV forms hold the same rows");

        var lines = text.Split("\r\n")[..^1];
        Assert.Equal("period_start,orders,units,revenue", lines[0]);
        Assert.Equal(CsvRows(rows), lines[1..]);
        Assert.Equal(text, byQuery);
    }

    private static IEnumerable<string> CsvRows(JsonElement rows) => rows.EnumerateArray().Select(r =>
        r.GetProperty("periodStart").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "," +
        string.Join(",", r.GetProperty("values").EnumerateArray().Select(v => v.GetDouble().ToString("R", CultureInfo.InvariantCulture))));

    [Fact]
    public async Task Saved_reports_take_if_match_and_another_tenants_id_answers_404()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var body = new { name = "Weekly SKUs", definition = new { measures = new[] { "units" }, dimension = "sku", grain = "week" } };

        var created = await acme.PostJsonAsync("/api/v1/reports", body);
        var report = await ApiAssert.OkJsonAsync(created, HttpStatusCode.Created);
        var id = report.GetProperty("reportId").GetString()!;
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var read = await acme.GetAsync($"/api/v1/reports/{id}");
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        var updated = await Send(acme, HttpMethod.Put, $"/api/v1/reports/{id}", body with { name = "Weekly units" }, "\"1\"");
        var stale = await Send(acme, HttpMethod.Put, $"/api/v1/reports/{id}", body, "\"1\"");
        var malformed = await Send(acme, HttpMethod.Put, $"/api/v1/reports/{id}", body, "yesterday");
        var staleDelete = await Send(acme, HttpMethod.Delete, $"/api/v1/reports/{id}", null, "\"1\"");
        var otherGet = await globex.GetAsync($"/api/v1/reports/{id}");
        var otherRun = await globex.GetAsync($"/api/v1/reports/{id}/run");
        var otherPut = await Send(globex, HttpMethod.Put, $"/api/v1/reports/{id}", body, null);
        var otherDelete = await globex.DeleteAsync($"/api/v1/reports/{id}");
        var listed = await ApiAssert.OkJsonAsync(await acme.GetAsync("/api/v1/reports"));
        var otherList = await ApiAssert.OkJsonAsync(await globex.GetAsync("/api/v1/reports"));
        var run = await ApiAssert.OkJsonAsync(await acme.GetAsync($"/api/v1/reports/{id}/run"));

        Assert.Equal("Weekly units", (await ApiAssert.OkJsonAsync(updated)).GetProperty("name").GetString());
        Assert.Equal("\"2\"", updated.Headers.ETag!.Tag);
        Assert.Equal(2, (await ApiAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion").GetInt64());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(malformed, HttpStatusCode.BadRequest), "If-Match");
        await ApiAssert.ProblemAsync(staleDelete, HttpStatusCode.PreconditionFailed);
        foreach (var response in new[] { otherGet, otherRun, otherPut, otherDelete }) await ApiAssert.ProblemAsync(response, HttpStatusCode.NotFound, "report-not-found");
        Assert.Contains(listed.GetProperty("saved").EnumerateArray(), r => r.GetProperty("reportId").GetString() == id);
        Assert.DoesNotContain(otherList.GetProperty("saved").EnumerateArray(), r => r.GetProperty("reportId").GetString() == id);
        Assert.Equal(8, listed.GetProperty("builtIn").GetArrayLength());
        Assert.Equal("Weekly units", run.GetProperty("name").GetString());
        await ApiAssert.ProblemAsync(await Send(acme, HttpMethod.Put, "/api/v1/reports/top-customers", body, null), HttpStatusCode.Conflict, "report-built-in");
        Assert.Equal(HttpStatusCode.NoContent, (await Send(acme, HttpMethod.Delete, $"/api/v1/reports/{id}", null, "\"2\"")).StatusCode);
        await ApiAssert.ProblemAsync(await acme.GetAsync($"/api/v1/reports/{id}"), HttpStatusCode.NotFound, "report-not-found");
    }

    [Fact]
    public async Task A_schedule_is_set_with_its_next_due_time_and_listed_with_an_empty_log_until_it_runs()
    {
        using var acme = api.Client();
        var report = await ApiAssert.OkJsonAsync(await acme.PostJsonAsync("/api/v1/reports",
            new { name = "Daily", definition = new { measures = new[] { "orders" } } }), HttpStatusCode.Created);
        var id = report.GetProperty("reportId").GetString()!;

        var scheduled = await Send(acme, HttpMethod.Put, $"/api/v1/reports/{id}/schedule", new { frequency = "weekly", day = "monday", at = "06:30", channel = "email", email = "ops@example.com" }, "\"1\"");
        var bad = await Send(acme, HttpMethod.Put, $"/api/v1/reports/{id}/schedule", new { at = "25:00", channel = "email", email = "nobody" }, null);
        var unknownWebhook = await Send(acme, HttpMethod.Put, $"/api/v1/reports/{id}/schedule", new { at = "06:00", channel = "webhook", webhookSubscriptionId = "wh_missing" }, null);
        var log = await ApiAssert.OkJsonAsync(await acme.GetAsync($"/api/v1/reports/{id}/deliveries"));

        var body = await ApiAssert.OkJsonAsync(scheduled);
        var due = body.GetProperty("nextDueAt").GetDateTimeOffset();
        Assert.Equal((DayOfWeek.Monday, 6, 30), (due.UtcDateTime.DayOfWeek, due.UtcDateTime.Hour, due.UtcDateTime.Minute));
        Assert.InRange(due - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(7));
        Assert.Equal("\"2\"", scheduled.Headers.ETag!.Tag);
        var problem = await ApiAssert.ProblemAsync(bad, HttpStatusCode.BadRequest);
        ApiAssert.NamesField(problem, "at");
        ApiAssert.NamesField(problem, "email");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unknownWebhook, HttpStatusCode.UnprocessableEntity), "webhookSubscriptionId");
        Assert.Equal(due, log.GetProperty("nextDueAt").GetDateTimeOffset());
        Assert.Equal(0, log.GetProperty("deliveries").GetArrayLength());
        var unscheduled = await ApiAssert.OkJsonAsync(await acme.DeleteAsync($"/api/v1/reports/{id}/schedule"));
        Assert.Equal(JsonValueKind.Null, unscheduled.GetProperty("nextDueAt").ValueKind);
    }

    [Theory]
    [InlineData("{\"measures\":[\"orders\",\"profit\"]}", "measures[1]")]
    [InlineData("{\"measures\":[\"orders\"],\"dimension\":\"planet\"}", "dimension")]
    [InlineData("{\"measures\":[\"orders\"],\"range\":\"forever\"}", "range")]
    [InlineData("{\"measures\":[\"orders\"],\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}", "from")]
    [InlineData("{\"measures\":[\"orders\"],\"grain\":\"hour\",\"range\":\"last 1000 days\"}", "range")]
    [InlineData("{\"measures\":[\"orders\"],\"grain\":\"fortnight\"}", null)]
    [InlineData("{\"measures\":[\"orders\"],\"top\":0}", "top")]
    [InlineData("{\"measures\":[\"orders\"],\"sortBy\":\"revenue\"}", "sortBy")]
    [InlineData("{\"measures\":[\"orders\"],\"colour\":\"red\"}", null)]
    public async Task A_bad_definition_is_a_400_naming_the_field(string body, string? field)
    {
        using var acme = api.Client();

        var response = await acme.SendRawAsync(HttpMethod.Post, "/api/v1/reports/run", body);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        if (field is not null) ApiAssert.NamesField(problem, field);
    }

    [Fact]
    public async Task A_bad_format_or_saved_definition_is_a_400_and_a_key_without_orders_read_is_403()
    {
        using var admin = api.Client();
        var created = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "customers-only", scopes = new[] { "customers:*" } }), HttpStatusCode.Created);
        using var customersOnly = api.Client(created.GetProperty("key").GetString());

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(await admin.GetAsync("/api/v1/reports/volume-trends/run?format=xml"), HttpStatusCode.BadRequest), "format");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(await admin.PostJsonAsync("/api/v1/reports", new { name = "", definition = new { measures = new[] { "nope" } } }), HttpStatusCode.BadRequest), "definition.measures[0]");
        await ApiAssert.ProblemAsync(await admin.GetAsync("/api/v1/reports/rpt_doesnotexist/run"), HttpStatusCode.NotFound, "report-not-found");
        Assert.Equal(HttpStatusCode.Forbidden, (await customersOnly.GetAsync("/api/v1/reports")).StatusCode);
        var catalogue = await ApiAssert.OkJsonAsync(await admin.GetAsync("/api/v1/reports/measures"));
        Assert.Contains(catalogue.GetProperty("measures").EnumerateArray(), m => m.GetProperty("name").GetString() == "sla_compliance");
    }

    /// <summary>Whether the report's rows are the KPI endpoint's day cells of its range, summed per row period (and value), with the measures applied.</summary>
    private static async Task<bool> MatchesKpisAsync(HttpClient client, JsonElement report, string dimension, Func<DateTimeOffset, DateTimeOffset> bucket, string[] measures)
    {
        var from = report.GetProperty("from").GetDateTimeOffset().ToString("O", CultureInfo.InvariantCulture);
        var to = report.GetProperty("to").GetDateTimeOffset().ToString("O", CultureInfo.InvariantCulture);
        var kpis = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/analytics/kpis?grain=day&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&dimension={dimension}"));
        var expected = kpis.EnumerateArray()
            .GroupBy(p => (Period: bucket(p.GetProperty("periodStart").GetDateTimeOffset()), Value: dimension.Length == 0 ? null : p.GetProperty("dimension").GetString()![(dimension.Length + 1)..]))
            .ToDictionary(g => g.Key, g => measures.Select(m => g.Sum(p => p.GetProperty("figures").GetProperty(m).GetDouble())).ToList());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        return rows.Count == expected.Count && rows.All(r =>
        {
            var key = (r.GetProperty("periodStart").GetDateTimeOffset(), r.GetProperty("value").ValueKind == JsonValueKind.Null ? null : r.GetProperty("value").GetString());
            return expected.TryGetValue(key, out var values) && values.Zip(r.GetProperty("values").EnumerateArray(), (e, v) => Math.Abs(e - v.GetDouble()) < 1e-6).All(ok => ok);
        });
    }

    private static DateTimeOffset Monday(DateTimeOffset day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
