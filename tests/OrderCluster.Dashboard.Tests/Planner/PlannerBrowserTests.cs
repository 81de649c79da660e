using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using OrderCluster.Dashboard.Tests.Browser;
using OrderCluster.GrainInterfaces.Analytics;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Dashboard.Tests.Planner;

/// <summary>
/// The planner in headless Chromium: from the dashboard's link, a reader picks the tenant and its daily total series; the chart
/// draws every history and forecast point with the interval band, the accuracy figures are the forecast grain's, the KPI charts
/// draw the tenant's cells, and both CSV exports hold what is shown.
/// </summary>
[Collection(PlannerCollection.Name)]
public sealed class PlannerBrowserTests(PlannerCluster planner) : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveAttributeOptions LongWait = new() { Timeout = 60_000 };
    private readonly Chromium _chromium = new();

    public Task InitializeAsync() => _chromium.InitializeAsync();

    public Task DisposeAsync() => _chromium.DisposeAsync();

    [Fact]
    public async Task A_reader_picks_a_series_and_sees_history_forecast_band_accuracy_and_kpis_and_exports_them()
    {
        var expected = await planner.Cluster.Grains.GetGrain<IForecastGrain>(PlannerCluster.DailyTotal).GetAsync(90);
        var page = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(page, planner.BaseAddress, PlannerCluster.Viewer, PlannerCluster.ViewerPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Planner" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard/planner", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await Expect(page.Locator("#user")).ToContainTextAsync(PlannerCluster.Viewer, new() { Timeout = 60_000 });

        await page.GetByLabel("Tenant").FillAsync(PlannerCluster.Tenant);
        await page.GetByRole(AriaRole.Button, new() { Name = "Load" }).ClickAsync();
        await Expect(page.Locator("#series option")).ToHaveCountAsync(5, DashboardPage.LongWait);
        await page.Locator("#series").SelectOptionAsync(PlannerCluster.DailyTotal);

        // the chart drew every point of the data: 21 days of history, 14 forecast days and their interval
        var chart = page.Locator("#chart-forecast");
        await Expect(chart).ToHaveAttributeAsync("aria-label", "Interval: 14 points, History (orders): 21 points, Forecast: 14 points", LongWait);
        Assert.Equal(new Dictionary<string, int> { ["Interval"] = 14, ["History (orders)"] = 21, ["Forecast"] = 14 },
            JsonSerializer.Deserialize<Dictionary<string, int>>((await chart.GetAttributeAsync("data-drawn"))!));
        Assert.True(await PixelsAsync(page, "chart-forecast", 194, 84, 0, 30, 90) > 500, "the interval band is painted");
        Assert.True(await PixelsAsync(page, "chart-forecast", 11, 87, 208, 200, 255) > 100, "the history line is painted");

        // the accuracy figures are the grain's
        Assert.True(expected.Accuracy.ScoredPoints > 0);
        Assert.Equal(expected.Accuracy.SMape, await ValueAsync(page, "#acc-smape"));
        Assert.Equal(expected.Accuracy.Mase, await ValueAsync(page, "#acc-mase"));
        Assert.Equal(expected.Accuracy.Coverage, await ValueAsync(page, "#acc-coverage"));
        Assert.Equal(expected.Accuracy.ScoredPoints, await ValueAsync(page, "#acc-scored"));
        await Expect(page.Locator("#acc-smape")).ToContainTextAsync("%");
        var oneAhead = expected.RecentScores.Count(s => s.Horizon == 1);
        await Expect(page.Locator("#chart-scored")).ToHaveAttributeAsync("aria-label",
            $"Interval: {oneAhead} points, Actual: {oneAhead} points, Forecast: {oneAhead} points", LongWait);
        await Expect(page.Locator("#scored tbody tr")).ToHaveCountAsync(Math.Min(30, expected.RecentScores.Length));

        // KPI trends: 30 days of the tenant total, then by SKU
        await Expect(page.Locator("#chart-orders")).ToHaveAttributeAsync("aria-label", "total: 30 points", LongWait);
        await Chromium.ScreenshotAsync(page, "planner-forecast");
        await page.Locator("#kpi-dimension").SelectOptionAsync("sku");
        await Expect(page.Locator("#chart-units")).ToHaveAttributeAsync("aria-label", "sku:SKU-1: 30 points, sku:SKU-2: 30 points", LongWait);
        Assert.True(await PixelsAsync(page, "chart-units", 11, 87, 208, 200, 255) > 20, "the first SKU's line is painted");
        await Chromium.ScreenshotAsync(page, "planner-kpis-by-sku");

        // exports: what is shown
        var series = await DownloadAsync(page, "#export-series");
        Assert.Equal($"{PlannerCluster.Tenant}-day-total.csv", series.Name);
        Assert.Equal(planner.DailyHistory.Select(o => (o.PeriodStart.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture), o.Value)),
            series.Rows.Where(r => r[1] == "actual").Select(r => (r[0], double.Parse(r[2], CultureInfo.InvariantCulture))));
        Assert.Equal(expected.Latest!.Points.Select(p => (p.Point, p.Lower, p.Upper)),
            series.Rows.Where(r => r[1] == "forecast").Select(r => (Parse(r[3]), Parse(r[4]), Parse(r[5]))));
        Assert.Equal(expected.RecentScores.Length, series.Rows.Count(r => r[1] == "scored"));

        var kpis = await DownloadAsync(page, "#export-kpis");
        Assert.Equal($"{PlannerCluster.Tenant}-kpis-day-sku.csv", kpis.Name);
        Assert.Equal([("sku:SKU-1", "3", "6"), ("sku:SKU-2", "3", "3")], kpis.Rows.Select(r => (r[1], r[2], r[3])));
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The figure's exact value, which the page keeps in <c>data-value</c> next to the rounded text.</summary>
    private static async Task<double> ValueAsync(IPage page, string selector)
    {
        await Expect(page.Locator(selector)).ToHaveAttributeAsync("data-value", new System.Text.RegularExpressions.Regex("."), LongWait);
        return Parse((await page.Locator(selector).GetAttributeAsync("data-value"))!);
    }

    /// <summary>How many canvas pixels have this colour (±12 per channel) with an alpha in [aMin, aMax].</summary>
    private static Task<int> PixelsAsync(IPage page, string canvasId, int r, int g, int b, int aMin, int aMax) => page.EvaluateAsync<int>(
        """
        ([id, r, g, b, aMin, aMax]) => {
          const c = document.getElementById(id), d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4)
            if (Math.abs(d[i] - r) <= 12 && Math.abs(d[i + 1] - g) <= 12 && Math.abs(d[i + 2] - b) <= 12 && d[i + 3] >= aMin && d[i + 3] <= aMax) n++;
          return n;
        }
        """, new object[] { canvasId, r, g, b, aMin, aMax });

    private static async Task<(string Name, List<string[]> Rows)> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(link).ClickAsync(), new() { Timeout = 60_000 });
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return (download.SuggestedFilename, [.. lines.Skip(1).Select(l => l.Split(','))]);
    }
}
