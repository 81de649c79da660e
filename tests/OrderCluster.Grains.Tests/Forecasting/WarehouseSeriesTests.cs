using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Reports;
using OrderCluster.Grains.Forecasting;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Grains.Tests.Forecasting;

/// <summary>
/// An order allocated to a warehouse starts that warehouse's daily series (the analytics grains and the planner share
/// <see cref="ForecastSeriesRule"/>), which observes the warehouse's units; a warehouse report counts the same units.
/// </summary>
public sealed class WarehouseSeriesTests : DomainStorageTests
{
    private const string Tenant = "acme";

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    [Fact]
    public async Task An_allocated_order_starts_its_warehouses_daily_series_which_counts_units()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        var series = new SeriesId(Tenant, TimeGrain.Day, "warehouse:main");

        await AdvanceUntilAsync(async () => (await TimersOfAsync("forecast", series.Key)).Contains(ForecastGrain.TimerName), "the warehouse series is started", TimeSpan.FromMinutes(10));

        var dimensions = await TenantAnalytics.GetDimensionsAsync(Grains, Tenant);
        Assert.Contains(series.Key, ForecastSeriesRule.SeriesOf(Tenant, dimensions).Select(s => s.Key));
        var today = TimeGrain.Day.PeriodOf(Now);
        var report = await ReportRunner.RunAsync(Grains, Tenant, new ReportDefinition { Measures = ["units"], Dimension = "warehouse", Grain = ReportGrain.Day, Range = "last 1 days" }, Now);
        var row = Assert.Single(report.Rows);
        Assert.Equal((today, "main", 7.0), (row.PeriodStart!.Value, row.Value!, row.Values[0]!.Value));
        var cell = Assert.Single(await TenantAnalytics.GetSeriesAsync(Grains, Tenant, new KpiQuery { From = today, To = today.AddDays(1), Grain = TimeGrain.Day, Dimension = series.Dimension }));
        Assert.Equal(7.0, series.ValueOf(cell.Figures)); // the series observes units, as the report counts them
    }
}
