using System.Globalization;
using System.Net;
using System.Text.Json;
using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Dashboard.Tests.Planner;

/// <summary>The planner's JSON and CSV endpoints over HTTP with a reader's session: shapes, the grain's figures, refusals.</summary>
[Collection(PlannerCollection.Name)]
public sealed class PlannerApiTests(PlannerCluster planner)
{
    private const string Api = "/dashboard/api/planner";

    [Fact]
    public async Task The_series_list_holds_the_totals_per_hour_and_day_and_each_channel_and_sku_per_day()
    {
        using var http = await SignedInAsync();
        using var json = await JsonAsync(http, $"{Api}/series?tenant={PlannerCluster.Tenant}");

        var root = json.RootElement;
        Assert.Equal(PlannerCluster.Tenant, root.GetProperty("tenant").GetString());
        var keys = root.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ToList();
        string[] suffixes = ["hour/total", "day/total", "day/channel:online", "day/sku:SKU-1", "day/sku:SKU-2"];
        Assert.Equal(suffixes.Select(s => $"{PlannerCluster.Tenant}/{s}"), keys);
        var sku = root.GetProperty("series")[3];
        Assert.Equal(("day", "sku:SKU-1", "units"), (sku.GetProperty("grain").GetString(), sku.GetProperty("dimension").GetString(), sku.GetProperty("measure").GetString()));
        Assert.Contains("sku:SKU-1", root.GetProperty("dimensions").EnumerateArray().Select(d => d.GetString()));

        using var none = await JsonAsync(http, $"{Api}/series?tenant=nobody-here");
        Assert.Equal(0, none.RootElement.GetProperty("series").GetArrayLength());
    }

    [Fact]
    public async Task A_series_answers_the_forecast_grains_view_and_its_csv_holds_history_forecast_and_scored_points()
    {
        using var http = await SignedInAsync();
        var expected = await planner.Cluster.Grains.GetGrain<IForecastGrain>(PlannerCluster.DailyTotal).GetAsync(90);
        using var json = await JsonAsync(http, $"{Api}/forecast?tenant={PlannerCluster.Tenant}&grain=day");

        var view = json.RootElement.GetProperty("view");
        Assert.Equal(PlannerCluster.DailyTotal, json.RootElement.GetProperty("series").GetProperty("key").GetString());
        Assert.Equal(planner.DailyHistory.Select(o => o.Value), view.GetProperty("history").EnumerateArray().Select(o => o.GetProperty("value").GetDouble()));
        var points = view.GetProperty("latest").GetProperty("points");
        Assert.Equal(PlannerCluster.DailyHorizon, points.GetArrayLength());
        Assert.All(points.EnumerateArray(), p => Assert.True(p.GetProperty("lower").GetDouble() <= p.GetProperty("point").GetDouble()
                                                             && p.GetProperty("point").GetDouble() <= p.GetProperty("upper").GetDouble()));
        var accuracy = view.GetProperty("accuracy");
        Assert.True(expected.Accuracy.ScoredPoints > 0);
        Assert.Equal(expected.Accuracy.ScoredPoints, accuracy.GetProperty("scoredPoints").GetInt32());
        Assert.Equal(expected.Accuracy.SMape, accuracy.GetProperty("sMape").GetDouble());
        Assert.Equal(expected.Accuracy.Mase, accuracy.GetProperty("mase").GetDouble());
        Assert.Equal(expected.Accuracy.Coverage, accuracy.GetProperty("coverage").GetDouble());
        Assert.Equal(expected.RecentScores.Length, view.GetProperty("recentScores").GetArrayLength());

        var csv = await http.GetAsync($"{Api}/forecast.csv?tenant={PlannerCluster.Tenant}&grain=day");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{PlannerCluster.Tenant}-day-total.csv", csv.Content.Headers.ContentDisposition!.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period_start,kind,actual,forecast,lower,upper,origin,horizon", lines[0]);
        Assert.Equal(planner.DailyHistory.Select(o => $"{o.PeriodStart:yyyy-MM-dd}T00:00:00Z,actual,{o.Value.ToString(CultureInfo.InvariantCulture)},,,,,"),
            lines[1..].Where(l => l.Contains(",actual,", StringComparison.Ordinal)));
        Assert.Equal(PlannerCluster.DailyHorizon, lines[1..].Count(l => l.Contains(",forecast,", StringComparison.Ordinal)));
        Assert.Equal(expected.RecentScores.Length, lines[1..].Count(l => l.Contains(",scored,", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Kpis_equal_the_tenants_analytics_and_export_as_csv()
    {
        using var http = await SignedInAsync();
        using var json = await JsonAsync(http, $"{Api}/kpis?tenant={PlannerCluster.Tenant}&grain=day&dimension=sku");

        var root = json.RootElement;
        var query = new KpiQuery
        {
            From = root.GetProperty("from").GetDateTimeOffset(), To = root.GetProperty("to").GetDateTimeOffset(), Grain = TimeGrain.Day, Dimension = "sku",
        };
        Assert.Equal(30, (query.To - query.From).TotalDays);
        var expected = await TenantAnalytics.GetSeriesAsync(planner.Cluster.Grains, PlannerCluster.Tenant, query);
        var points = root.GetProperty("points").EnumerateArray()
            .Select(p => (p.GetProperty("dimension").GetString()!, p.GetProperty("figures").GetProperty("units").GetInt64())).ToList();
        Assert.Equal(expected.Select(p => (p.Dimension, p.Figures.Units)), points);
        Assert.Equal([("sku:SKU-1", 2L * PlannerCluster.Orders), ("sku:SKU-2", PlannerCluster.Orders)], points);

        var csv = await (await http.GetAsync($"{Api}/kpis.csv?tenant={PlannerCluster.Tenant}&grain=day")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("period_start,dimension,orders,units,revenue,", lines[0], StringComparison.Ordinal);
        var revenue = (await TenantAnalytics.GetSeriesAsync(planner.Cluster.Grains, PlannerCluster.Tenant, query with { Dimension = "" })).Single().Figures.Revenue;
        var total = Assert.Single(lines[1..]).Split(',');
        Assert.Equal(("", "3", "9", revenue.ToString(CultureInfo.InvariantCulture)), (total[1], total[2], total[3], total[4]));
    }

    [Theory]
    [InlineData("grain=day&dimension=sku:NOPE", HttpStatusCode.NotFound)]
    [InlineData("grain=hour&dimension=sku:SKU-1", HttpStatusCode.NotFound)] // SKUs are forecast per day only
    [InlineData("grain=week", HttpStatusCode.BadRequest)]
    [InlineData("grain=", HttpStatusCode.BadRequest)]
    [InlineData("grain=day&history=0", HttpStatusCode.BadRequest)]
    public async Task An_unknown_series_is_404_and_a_bad_grain_or_history_is_400(string query, HttpStatusCode status)
    {
        using var http = await SignedInAsync();
        var response = await http.GetAsync($"{Api}/forecast?tenant={PlannerCluster.Tenant}&{query}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/forecast?tenant=nobody-here&grain=day", HttpStatusCode.NotFound)]
    [InlineData("/forecast?grain=day", HttpStatusCode.BadRequest)]
    [InlineData("/series?tenant=Not/A/Tenant", HttpStatusCode.BadRequest)]
    [InlineData("/kpis?tenant=acme-planner&grain=minute", HttpStatusCode.BadRequest)]
    [InlineData("/kpis.csv?tenant=acme-planner&grain=day&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest)]
    public async Task Tenants_and_kpi_queries_are_checked(string path, HttpStatusCode status)
    {
        using var http = await SignedInAsync();

        Assert.Equal(status, (await http.GetAsync(Api + path)).StatusCode);
    }

    [Fact]
    public async Task Without_a_session_the_api_answers_401_and_the_page_sends_to_sign_in()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = planner.BaseAddress };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"{Api}/series?tenant={PlannerCluster.Tenant}")).StatusCode);
        var page = await http.GetAsync("/dashboard/planner");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.EndsWith("/dashboard/signin", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = planner.BaseAddress };
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/dashboard/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = PlannerCluster.Viewer, ["password"] = PlannerCluster.ViewerPassword }),
            Headers = { { "Origin", planner.BaseAddress.GetLeftPart(UriPartial.Authority) } },
        };
        Assert.Equal(HttpStatusCode.SeeOther, (await http.SendAsync(signIn)).StatusCode);
        return http;
    }

    private static async Task<JsonDocument> JsonAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
