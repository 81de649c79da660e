using Microsoft.Extensions.DependencyInjection;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.Grains.Forecasting;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Runtime;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Analytics;

/// <summary>
/// The analytics grains consume the order streams: after a run their KPIs equal a recomputation from the orders, also
/// after every event was delivered again, and concurrent orders of one tenant all count once.
/// </summary>
public abstract class OrderAnalyticsTests : DomainStorageTests
{
    private const string Tenant = "acme";
    private static readonly DateTimeOffset From = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset To = DateTimeOffset.MaxValue.AddDays(-2);

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        var previous = options.ConfigureServices;
        options.ConfigureServices = services =>
        {
            previous?.Invoke(services);
            services.Configure<ForecastingOptions>(o => o.AutoStart = false); // KPIs only: no forecast timers
        };
    }

    [Fact]
    public async Task Kpis_equal_a_recomputation_from_the_orders_after_a_run()
    {
        var scenario = new AnalyticsScenario(Grains, Clock, Tenant);
        await scenario.RunAsync();

        var expected = await KpiRecomputation.FromOrdersAsync(Grains, Tenant, scenario.OrderIds);
        var actual = await CaughtUpAsync(expected.LastSequenceSum);

        AssertSame(expected, actual);
        Assert.True(expected.Cells.Count > 30, $"the run should fill many cells, not {expected.Cells.Count}");
        var total = expected.Cells.Where(c => c.Key.Grain == TimeGrain.Day && c.Key.Dimension == "").Sum(c => c.Value.Orders);
        Assert.Equal(scenario.OrderIds.Count, total);
        Assert.Contains(actual.Cells, c => c.Key.Dimension == "warehouse:main" && c.Value.Units > 0);
        Assert.Contains(actual.Cells, c => c.Key.Dimension == "" && c.Value is { Shipped: > 0, PlacedToShippedMs: > 0 });
        Assert.Contains(actual.Cells, c => c.Key.Dimension == "" && c.Value is { Approvals: 1, ApprovalMs: 600_000 });
        Assert.Contains(actual.Cells, c => c.Key.Dimension == "" && c.Value.Cancelled == 2);
        var day = actual.Cells.Where(c => c.Key is { Grain: TimeGrain.Day, Dimension: "" }).Select(c => c.Value).Aggregate(KpiFigures.Zero, (a, b) => a.Plus(b));
        Assert.Equal((1L, 1L, 12.5m), (day.Returned, day.ReturnedOrders, day.Refunded)); // f1: one unit back, 12.50 refunded
        Assert.Equal(3L, day.Corrections); // big-2 rejected, o2 edited after placement, o4 held
        Assert.Equal((94m, 97m), (day.Cogs, day.Margin)); // f1 and f2 at cost: 2 × (2 × 4 + 15 + 4 × 6), and 2 × 95.50 line totals less that
        Assert.Contains(actual.Cells, c => c.Key.Dimension == "sku:SKU-3" && c.Value.Cogs > 0 && c.Value.Margin > 0);
    }

    [Fact]
    public async Task Events_delivered_again_from_the_start_never_count_twice()
    {
        var scenario = new AnalyticsScenario(Grains, Clock, Tenant);
        await scenario.RunAsync();
        var expected = await KpiRecomputation.FromOrdersAsync(Grains, Tenant, scenario.OrderIds);
        await CaughtUpAsync(expected.LastSequenceSum);
        var dropped = (await TenantAnalytics.GetProgressAsync(Grains, Tenant)).Sum(p => p.DuplicatesDropped);

        await Silo.Get<IStreamAdmin>().ResetGroupAsync("implicit:order-analytics:orders", StreamReset.FromStart);
        await AdvanceUntilAsync(async () => (await TenantAnalytics.GetProgressAsync(Grains, Tenant)).Sum(p => p.DuplicatesDropped) >= dropped + expected.LastSequenceSum,
            "every event delivered again", TimeSpan.FromMinutes(30));

        AssertSame(expected, await KpiRecomputation.FromAnalyticsAsync(Grains, Tenant, From, To));
        var progress = await TenantAnalytics.GetProgressAsync(Grains, Tenant);
        Assert.Equal(expected.LastSequenceSum, progress.Sum(p => p.EventsApplied));
    }

    [Fact]
    public async Task Concurrent_orders_of_one_tenant_each_count_once()
    {
        const int orders = 120;
        await Task.WhenAll(Enumerable.Range(0, orders).Select(i => Grains.Order(Tenant, $"c{i}").CreateAsync(Order($"cust-{i % 5}"))));

        var expected = await KpiRecomputation.FromOrdersAsync(Grains, Tenant, Enumerable.Range(0, orders).Select(i => $"c{i}"));
        var actual = await CaughtUpAsync(expected.LastSequenceSum);

        AssertSame(expected, actual);
        var day = actual.Cells.Single(c => c.Key.Grain == TimeGrain.Day && c.Key.Dimension == "").Value;
        Assert.Equal((orders, orders * 7L, orders * 100.00m), (day.Orders, day.Units, day.Revenue)); // 7 units, 100.00 per order
        Assert.True((await TenantAnalytics.GetProgressAsync(Grains, Tenant)).Count(p => p.Orders > 0) > 1, "orders spread over several shards");
    }

    private async Task<KpiRecomputation.Expected> CaughtUpAsync(long lastSequenceSum)
    {
        await AdvanceUntilAsync(async () => (await TenantAnalytics.GetProgressAsync(Grains, Tenant)).Sum(p => p.LastSequenceSum) >= lastSequenceSum,
            "analytics caught up with every order event", TimeSpan.FromMinutes(30));
        return await KpiRecomputation.FromAnalyticsAsync(Grains, Tenant, From, To);
    }

    private static void AssertSame(KpiRecomputation.Expected expected, KpiRecomputation.Expected actual)
    {
        Assert.Equal(expected.LastSequenceSum, actual.LastSequenceSum);
        foreach (var (key, figures) in expected.Cells)
            Assert.True(actual.Cells.TryGetValue(key, out var got) && got == figures, $"{key}: expected {figures}, got {got?.ToString() ?? "nothing"}");
        Assert.Equal(expected.Cells.Keys.Order().ToList(), actual.Cells.Keys.Order().ToList());
        Assert.Equal(expected.StepMs.OrderBy(k => k.Key).ToList(), actual.StepMs.OrderBy(k => k.Key).ToList());
    }
}

public sealed class MemoryOrderAnalyticsTests : OrderAnalyticsTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteOrderAnalyticsTests(SqliteDatabaseFixture sqlite) : OrderAnalyticsTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresOrderAnalyticsTests : OrderAnalyticsTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
