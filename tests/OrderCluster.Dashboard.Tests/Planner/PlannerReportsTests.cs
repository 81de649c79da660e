using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OrderCluster.Dashboard.Tests.Browser;
using OrderCluster.GrainInterfaces.Reports;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Dashboard.Tests.Planner;

/// <summary>
/// The planner's Reports section. In headless Chromium an operator picks built-in reports and sees their table (every cell equal to
/// what <see cref="ReportRunner"/>, behind <c>/api/v1/reports</c>, answers) and chart, downloads the CSV, and builds, previews and
/// saves a report of their own; over HTTP a reader may run but not save, and bad input is refused.
/// </summary>
[Collection(PlannerCollection.Name)]
public sealed class PlannerReportsTests(PlannerCluster planner) : IAsyncLifetime
{
    private const string Api = "/dashboard/api/planner";
    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 60_000 };
    private readonly Chromium _chromium = new();

    public Task InitializeAsync() => _chromium.InitializeAsync();

    public Task DisposeAsync() => _chromium.DisposeAsync();

    [Fact]
    public async Task An_operator_runs_built_in_reports_downloads_the_csv_and_saves_a_report_from_the_builder()
    {
        var page = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(page, planner.BaseAddress, PlannerCluster.Operator, PlannerCluster.OperatorPassword);
        // the load event can take long on a busy machine: wait for the navigation, then for what the page shows
        await page.GotoAsync(new Uri(planner.BaseAddress, $"/dashboard/planner?tenant={PlannerCluster.Tenant}").ToString(), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });

        // volume trends (the first built-in): the day of the cluster's orders
        await Expect(page.Locator("#report optgroup[label='Built-in'] option")).ToHaveCountAsync(BuiltInReports.All.Length, DashboardPage.LongWait);
        await Expect(page.Locator("#report-table tbody tr td[data-value]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await AssertTableEqualsRunAsync(page, BuiltInReports.Find("volume-trends")!.Definition);
        await Expect(page.Locator("#chart-report")).ToHaveAttributeAsync("aria-label", "total: 1 points", LongWait);
        await Chromium.ScreenshotAsync(page, "planner-report-volume");

        // top customers: a whole-range report per customer, drawn as bars, and its CSV
        await page.Locator("#report").SelectOptionAsync("top-customers");
        await Expect(page.Locator("#report-caption")).ToContainTextAsync("Top customers", new() { Timeout = 60_000 });
        var topCustomers = await AssertTableEqualsRunAsync(page, BuiltInReports.Find("top-customers")!.Definition);
        Assert.Equal(PlannerCluster.Orders, topCustomers.Rows.Length);
        await Expect(page.Locator("#chart-report")).ToHaveAttributeAsync("aria-label", "Revenue: 150 in total", LongWait);
        await Chromium.ScreenshotAsync(page, "planner-report-top-customers");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-report").ClickAsync(), new() { Timeout = 60_000 });
        Assert.Equal($"{PlannerCluster.Tenant}-top-customers.csv", download.SuggestedFilename);
        Assert.Equal(ReportCsv.Write(topCustomers), await File.ReadAllTextAsync((await download.PathAsync())!));

        // the builder: units and revenue per SKU over the range, largest units first; preview, then save under a name
        await page.Locator("#report-builder summary").ClickAsync();
        await page.Locator("#b-measures").SelectOptionAsync(new[] { "units", "revenue" });
        await page.Locator("#b-dimension").SelectOptionAsync("sku");
        await page.Locator("#b-grain").SelectOptionAsync("total");
        await page.Locator("#b-sort").SelectOptionAsync("units");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator("#builder-status")).ToContainTextAsync("Preview", new() { Timeout = 60_000 });
        var built = new ReportDefinition { Measures = ["units", "revenue"], Dimension = "sku", Grain = ReportGrain.Total, Range = "last 30 days", SortBy = "units" };
        var preview = await AssertTableEqualsRunAsync(page, built);
        Assert.Equal([("SKU-1", 6.0), ("SKU-2", 3.0)], preview.Rows.Select(r => (r.Value!, r.Values[0]!.Value)));
        var name = "SKU units " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save report" }).ClickAsync();
        await Expect(page.Locator("#builder-status")).ToContainTextAsync("Saved as " + name, new() { Timeout = 60_000 });

        var saved = Assert.Single(await planner.Cluster.Grains.GetGrain<ISavedReportsGrain>(PlannerCluster.Tenant).ListAsync(), r => r.Name == name);
        Assert.Equal<string>(["units", "revenue"], saved.Definition.Measures);
        Assert.Equal(("sku", ReportGrain.Total, "last 30 days", "units", (int?)null), (saved.Definition.Dimension, saved.Definition.Grain, saved.Definition.Range, saved.Definition.SortBy, saved.Definition.Top));
        await Expect(page.Locator("#report")).ToHaveValueAsync(saved.ReportId, new() { Timeout = 60_000 });
        await Expect(page.Locator("#report-caption")).ToContainTextAsync(name, new() { Timeout = 60_000 });
        await AssertTableEqualsRunAsync(page, saved.Definition);
        await Chromium.ScreenshotAsync(page, "planner-report-saved");
    }

    [Fact]
    public async Task A_reader_runs_reports_but_may_not_save_one_and_bad_input_is_refused()
    {
        using var reader = await SignedInAsync(PlannerCluster.Viewer, PlannerCluster.ViewerPassword);
        var origin = planner.BaseAddress.GetLeftPart(UriPartial.Authority);

        var list = JsonDocument.Parse(await reader.GetStringAsync($"{Api}/reports?tenant={PlannerCluster.Tenant}")).RootElement;
        var run = await reader.GetAsync($"{Api}/reports/run?tenant={PlannerCluster.Tenant}&report=volume-trends");
        var save = await PostAsync(reader, $"{Api}/reports?tenant={PlannerCluster.Tenant}", new { name = "x", definition = new { measures = new[] { "orders" } } }, origin);
        var crossSite = await PostAsync(reader, $"{Api}/reports/preview?tenant={PlannerCluster.Tenant}", new { measures = new[] { "orders" } }, "https://evil.example");
        var badMeasure = await PostAsync(reader, $"{Api}/reports/preview?tenant={PlannerCluster.Tenant}", new { measures = new[] { "profit" } }, origin);
        var unknownField = await PostAsync(reader, $"{Api}/reports/preview?tenant={PlannerCluster.Tenant}", new { measures = new[] { "orders" }, colour = "red" }, origin);

        Assert.Equal(BuiltInReports.All.Length, list.GetProperty("builtIn").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMeasure.StatusCode);
        Assert.Contains("measures[0]", await badMeasure.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"{Api}/reports/run?tenant={PlannerCluster.Tenant}&report=rpt_nothere")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"{Api}/reports/run?tenant=Not/A/Tenant&report=volume-trends")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"{Api}/reports/run.csv?tenant={PlannerCluster.Tenant}")).StatusCode);
    }

    /// <summary>Every table cell (the exact value in <c>data-value</c>) equals the run of <paramref name="definition"/> behind the API; returns that run.</summary>
    private async Task<ReportResult> AssertTableEqualsRunAsync(IPage page, ReportDefinition definition)
    {
        var expected = await ReportRunner.RunAsync(planner.Cluster.Grains, PlannerCluster.Tenant, definition, DateTimeOffset.UtcNow);
        await Expect(page.Locator("#report-table tbody tr")).ToHaveCountAsync(Math.Max(1, expected.Rows.Length), new() { Timeout = 60_000 });
        var cells = await page.Locator("#report-table tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.dataset.value ?? ''))");
        var headers = await page.Locator("#report-table thead th[data-measure]").EvaluateAllAsync<string[]>("hs => hs.map(h => h.dataset.measure)");
        Assert.Equal<string>(definition.Measures, headers);
        var withPeriod = definition.Grain != ReportGrain.Total;
        var withValue = definition.Dimension.Length > 0;
        Assert.Equal(expected.Rows.Select(r => Cells(r, withPeriod, withValue)), cells.Select(c => c.ToList()));
        return expected;
    }

    private static List<string> Cells(ReportRow row, bool withPeriod, bool withValue)
    {
        var cells = new List<string>();
        if (withPeriod) cells.Add(row.PeriodStart!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (withValue) cells.Add(row.Value!);
        cells.AddRange(row.Values.Select(v => v is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : ""));
        return cells;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Origin", origin);
        return http.SendAsync(request);
    }

    private async Task<HttpClient> SignedInAsync(string user, string password)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = planner.BaseAddress };
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/dashboard/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password }),
            Headers = { { "Origin", planner.BaseAddress.GetLeftPart(UriPartial.Authority) } },
        };
        Assert.Equal(HttpStatusCode.SeeOther, (await http.SendAsync(signIn)).StatusCode);
        return http;
    }
}
