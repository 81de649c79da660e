using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Forecasting;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Runtime;
using OrderCluster.Testing;
using OrderCluster.Testing.Cluster;
using Xunit.Abstractions;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Analytics;

/// <summary>
/// Two silos on PostgreSQL, orders streaming in from concurrent writers, one silo killed mid-run: stream partitions,
/// analytics shards and order grains move to the survivor, events are redelivered from the committed cursors, and the
/// KPIs still equal a recomputation from the orders, including COGS, margin and corrections (holds).
/// </summary>
public sealed class AnalyticsFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "acme";
    private const int Writers = 4, OrdersPerWriter = 40, KillAfter = 60;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(2, o =>
    {
        o.GrainAssemblies.Add(typeof(GrainInterfacesJsonContext).Assembly);
        o.GrainAssemblies.Add(typeof(GrainsJsonContext).Assembly);
        o.JsonResolvers.Add(GrainInterfacesJsonContext.Default);
        o.JsonResolvers.Add(GrainsJsonContext.Default);
        o.JsonResolvers.Add(GrainInterfaces.Analytics.AnalyticsContractsJsonContext.Default);
        o.JsonResolvers.Add(OrderCluster.Grains.Analytics.AnalyticsJsonContext.Default);
        o.ConfigureServices = services =>
        {
            services.AddOrderDomain(new ConfigurationBuilder().Build());
            services.Configure<ForecastingOptions>(f => f.AutoStart = false);
        };
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Kpis_equal_a_recomputation_from_the_orders_after_a_silo_is_killed_mid_run()
    {
        var (survivor, victim) = (_cluster.Silos[0], _cluster.Silos[1]);
        var grains = survivor.Grains;
        var created = 0;
        var retries = 0;

        async Task RetryAsync(Func<Task> call)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await call();
                    return;
                }
                catch (Exception ex) when (ex is not DomainException && attempt < 50)
                {
                    // the call may have run on the killed silo: every command here is idempotent, so it is safe to repeat
                    Interlocked.Increment(ref retries);
                    await Task.Delay(200);
                }
            }
        }

        async Task WriterAsync(int writer)
        {
            for (var i = 0; i < OrdersPerWriter; i++)
            {
                var id = $"w{writer}-{i}";
                var order = grains.Order(Tenant, id);
                var create = Order($"c-{i % 6}") with { Channel = i % 3 == 0 ? SalesChannel.Phone() : SalesChannel.Online() };
                // some orders come with their unit costs, so COGS and margin have something to add up
                if (i % 4 == 1) create = create with { Lines = [Line("SKU-1", 2, 10m, unitCost: 4m), Line("SKU-2", 1, 25.50m, unitCost: 15.25m), Line("SKU-3", 4, 12.50m)] };
                await RetryAsync(() => order.CreateAsync(create));
                if (i % 5 == 4) await RetryAsync(() => order.PerformActionAsync(Action("cancel", Manager, "changed mind") with { IdempotencyKey = $"{id}-cancel" }));
                else if (i % 6 == 2)
                    foreach (var action in new[] { "hold", "resume" }) // a correction
                        await RetryAsync(() => order.PerformActionAsync(Action(action, Manager, "address check") with { IdempotencyKey = $"{id}-{action}" }));
                else if (i % 7 == 3)
                    foreach (var action in new[] { "allocate", "start-picking", "pack", "ship" })
                        await RetryAsync(() => order.PerformActionAsync(Action(action, Warehouse) with { IdempotencyKey = $"{id}-{action}" }));
                if (Interlocked.Increment(ref created) == KillAfter) await _cluster.KillSiloAsync(victim);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(WriterAsync));
        var ids = Enumerable.Range(0, Writers).SelectMany(w => Enumerable.Range(0, OrdersPerWriter).Select(i => $"w{w}-{i}")).ToList();
        var expected = await KpiRecomputation.FromOrdersAsync(grains, Tenant, ids);
        await Eventually.TrueAsync(async () => (await GrainInterfaces.Analytics.TenantAnalytics.GetProgressAsync(grains, Tenant)).Sum(p => p.LastSequenceSum) >= expected.LastSequenceSum,
            "analytics caught up after the failover", TimeSpan.FromMinutes(3));
        var actual = await KpiRecomputation.FromAnalyticsAsync(grains, Tenant, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-2));

        Assert.Single(_cluster.Silos);
        Assert.Equal(expected.LastSequenceSum, actual.LastSequenceSum);
        foreach (var (key, figures) in expected.Cells)
            Assert.True(actual.Cells.TryGetValue(key, out var got) && got == figures, $"{key}: expected {figures}, got {got?.ToString() ?? "nothing"}");
        Assert.Equal(expected.Cells.Keys.Order().ToList(), actual.Cells.Keys.Order().ToList());
        Assert.Equal(expected.StepMs.OrderBy(k => k.Key).ToList(), actual.StepMs.OrderBy(k => k.Key).ToList());
        var progress = await GrainInterfaces.Analytics.TenantAnalytics.GetProgressAsync(grains, Tenant);
        Assert.Equal(Writers * OrdersPerWriter, progress.Sum(p => p.Orders));
        var total = actual.Cells.Where(c => c.Key is { Grain: GrainInterfaces.Analytics.TimeGrain.Day, Dimension: "" }).Sum(c => c.Value.Corrections);
        Assert.True(total > 0 && actual.Cells.Any(c => c.Value.Cogs > 0 && c.Value.Margin > 0), "the run should have corrections and costed orders");
        output.WriteLine($"{ids.Count} orders, {expected.LastSequenceSum} events; {retries} calls retried after the kill; "
                         + $"{progress.Sum(p => p.DuplicatesDropped)} redelivered events dropped");
    }
}
