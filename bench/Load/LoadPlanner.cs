using OrderCluster.Bench.Intake;

namespace OrderCluster.Bench.Load;

/// <summary>
/// One simulated planner: reads the tenant's hourly forecast, a SKU's daily forecast, the hourly KPIs and order searches of
/// the run, one after another with a think time of 0.2 to 1 s between them.
/// </summary>
internal sealed class LoadPlanner(LoadClient client, string runTag, LoadMetrics metrics)
{
    private static readonly string[] Statuses = ["approved", "allocated", "picking", "shipped", "delivered", "cancelled"];

    public async Task RunAsync(Func<bool> stopped, CancellationToken stopping)
    {
        var random = client.Random;
        while (!stopped())
        {
            var (kind, path) = random.Next(4) switch
            {
                0 => ("forecast read", "/api/v1/analytics/forecasts/hour"),
                1 => ("forecast read", $"/api/v1/analytics/forecasts/day?dimension=sku:{MarketplaceOrders.SkuOf(random.Next(MarketplaceOrders.Skus))}"),
                2 => ("kpi read", "/api/v1/analytics/kpis?grain=hour"),
                _ => ("search", Search(random)),
            };
            var answer = await client.GetAsync(kind, path);
            if (answer.IsSuccess) metrics.ReadAnswered();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 + random.Next(800)), stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private string Search(Random random) => random.Next(3) switch
    {
        0 => $"/api/v1/orders?tag={Uri.EscapeDataString(runTag)}&status={Statuses[random.Next(Statuses.Length)]}&limit=50",
        1 => $"/api/v1/orders?q=hamburg%20{MarketplaceOrders.SkuOf(random.Next(MarketplaceOrders.Skus))}&limit=20",
        _ => $"/api/v1/orders?tag={Uri.EscapeDataString(MarketplaceOrders.MarketplaceOf(random.Next(8)))}&limit=50",
    };
}
