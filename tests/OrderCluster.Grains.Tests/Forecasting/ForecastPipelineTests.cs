using Microsoft.Extensions.DependencyInjection;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.Grains.Forecasting;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Forecasting;

/// <summary>
/// Orders → analytics → forecast: the analytics grains start the series they feed, each series' durable timer pulls the
/// hours that closed (equal to the KPIs), fits ml/'s combination, forecasts with intervals and scores the forecast when
/// the next hour's actual arrives.
/// </summary>
public abstract class ForecastPipelineTests : DomainStorageTests
{
    private const string Tenant = "acme";
    private const string HourlyTotal = "acme/hour/total";

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        var previous = options.ConfigureServices;
        options.ConfigureServices = services =>
        {
            previous?.Invoke(services);
            services.Configure<ForecastingOptions>(o =>
            {
                o.TickInterval = TimeSpan.FromMinutes(1);
                o.SettleDelay = TimeSpan.Zero;
                o.HourlyHorizon = 6;
            });
        };
    }

    [Fact]
    public async Task Closed_hours_feed_the_series_which_forecasts_and_scores_itself()
    {
        var start = Now.Date; // 12:00 on the manual clock's day
        var orders = 0;
        foreach (var (hour, count) in new[] { (12, 3), (13, 5), (14, 2) })
        {
            AdvanceTo(new DateTimeOffset(start.AddHours(hour).AddMinutes(10), TimeSpan.Zero));
            for (var i = 0; i < count; i++) await Grains.Order(Tenant, $"o{orders++}").CreateAsync(Order($"c-{i}"));
            await AnalyticsHasAsync(orders); // before the hour closes (settle delay zero here): a pulled hour is final
        }

        AdvanceTo(new DateTimeOffset(start.AddHours(15), TimeSpan.Zero));
        var series = Grains.GetGrain<IForecastGrain>(HourlyTotal);
        await AdvanceUntilAsync(async () => (await series.GetAsync(100)) is { History.Length: 3, Latest: not null }, "three closed hours and a forecast", TimeSpan.FromMinutes(10));

        var first = await series.GetAsync(100);
        Assert.Equal([3.0, 5, 2], first.History.Select(h => h.Value).ToList());
        Assert.Equal(await KpiOrdersAsync(start), first.History.Select(h => (h.PeriodStart, h.Value)).ToList());
        Assert.Equal(6, first.Latest!.Points.Length);
        Assert.Equal(new DateTimeOffset(start.AddHours(15), TimeSpan.Zero), first.Latest.Points[0].PeriodStart);
        Assert.All(first.Latest.Points, p => Assert.True(p.Lower <= p.Point && p.Point <= p.Upper));
        Assert.False(string.IsNullOrEmpty(first.Model));
        Assert.Contains(ForecastGrain.TimerName, await TimersOfAsync("forecast", HourlyTotal));
        Assert.Contains(ForecastGrain.TimerName, await TimersOfAsync("forecast", "acme/day/sku:SKU-1"));
        Assert.Contains(ForecastGrain.TimerName, await TimersOfAsync("forecast", "acme/day/channel:online"));

        AdvanceTo(new DateTimeOffset(start.AddHours(15).AddMinutes(10), TimeSpan.Zero));
        for (var i = 0; i < 4; i++) await Grains.Order(Tenant, $"o{orders++}").CreateAsync(Order($"c-{i}"));
        await AnalyticsHasAsync(orders);
        AdvanceTo(new DateTimeOffset(start.AddHours(16), TimeSpan.Zero));
        await AdvanceUntilAsync(async () => (await series.GetAsync(100)).History.Length == 4, "the fourth hour", TimeSpan.FromMinutes(10));

        var second = await series.GetAsync(100);
        Assert.Equal(await KpiOrdersAsync(start), second.History.Select(h => (h.PeriodStart, h.Value)).ToList());
        var scored = Assert.Single(second.RecentScores);
        Assert.Equal((first.Latest.Points[0].PeriodStart, 1, first.Latest.Points[0].Point, 4.0), (scored.PeriodStart, scored.Horizon, scored.Forecast, scored.Actual));
        var f = first.Latest.Points[0].Point;
        Assert.Equal(f == 0 ? 200 : 200 * Math.Abs(4 - f) / (4 + f), second.Accuracy.SMape!.Value, 9);
        Assert.Equal(2, (await series.GetForecastsAsync(10)).Length);
    }

    /// <summary>Moves the clock in small steps (a batch retried after a failure waits for its back-off on this clock).</summary>
    private Task AnalyticsHasAsync(int orders) => AdvanceUntilAsync(
        async () => (await TenantAnalytics.GetProgressAsync(Grains, Tenant)).Sum(p => p.Orders) == orders, $"analytics has all {orders} orders", TimeSpan.FromMinutes(10));

    private async Task<List<(DateTimeOffset, double)>> KpiOrdersAsync(DateTime day) =>
        [.. (await TenantAnalytics.GetSeriesAsync(Grains, Tenant, new KpiQuery { From = new DateTimeOffset(day, TimeSpan.Zero), To = Now, Grain = TimeGrain.Hour }))
            .Where(p => p.PeriodStart < TimeGrain.Hour.PeriodOf(Now)).Select(p => (p.PeriodStart, (double)p.Figures.Orders))];
}

public sealed class MemoryForecastPipelineTests : ForecastPipelineTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteForecastPipelineTests(SqliteDatabaseFixture sqlite) : ForecastPipelineTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresForecastPipelineTests : ForecastPipelineTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
