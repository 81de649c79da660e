using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Returns;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Runtime;
using OrderCluster.Testing;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Analytics;

/// <summary>
/// A day-crossing run of one tenant's orders on a manual clock: channels, customers, approvals granted and rejected,
/// cancellations, line edits, a hold, orders shipped through the workflow and orders fulfilled from a warehouse (at a cost),
/// one of them with a received return and a refund.
/// </summary>
public sealed class AnalyticsScenario(IGrainFactory grains, ManualTimeProvider clock, string tenant)
{
    private readonly List<string> _orderIds = [];

    public IReadOnlyList<string> OrderIds => _orderIds;

    public async Task RunAsync()
    {
        // 22:30 to past midnight, so hours and days both have several cells
        var start = clock.GetUtcNow().Date.AddHours(22).AddMinutes(30);
        clock.Advance(new DateTimeOffset(start, TimeSpan.Zero) - clock.GetUtcNow());

        for (var i = 0; i < 6; i++)
            await CreateAsync($"o{i}", Order($"c-{i % 3}") with { Channel = i % 2 == 0 ? SalesChannel.Online() : SalesChannel.Phone() });
        await CreateAsync("big-1", OrderOf(12_000m, "c-9"));
        await CreateAsync("big-2", OrderOf(15_000m, "c-9") with { Channel = SalesChannel.Phone() });
        clock.Advance(TimeSpan.FromMinutes(10));
        await grains.Order(tenant, "big-1").ApproveAsync(new ApproveOrder { Actor = Manager, Comment = "ok" });
        await grains.Order(tenant, "big-2").RejectAsync(new RejectOrder { Actor = Manager, Reason = "fraud check" });
        await grains.Order(tenant, "o1").PerformActionAsync(Action("cancel", Manager, "customer asked"));
        await grains.Order(tenant, "o2").ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Add = [Line("SKU-9", 3, 7.25m)] });
        await grains.Order(tenant, "o4").PerformActionAsync(Action("hold", Manager, "address check"));
        await grains.Order(tenant, "o4").PerformActionAsync(Action("resume", Manager));

        clock.Advance(TimeSpan.FromMinutes(40)); // 23:20 → next hour's orders shortly after
        for (var i = 6; i < 10; i++) await CreateAsync($"o{i}", Order($"c-{i % 4}"));
        foreach (var id in new[] { "o3", "o6" })
            foreach (var action in new[] { "allocate", "start-picking", "pack", "ship" })
            {
                clock.Advance(TimeSpan.FromMinutes(7));
                await grains.Order(tenant, id).PerformActionAsync(Action(action, Warehouse));
            }

        clock.Advance(TimeSpan.FromMinutes(30)); // past midnight: a new day
        await grains.DeliveredOrderAsync(tenant, "f1");
        _orderIds.Add("f1");
        var returns = grains.GetGrain<IReturnsGrain>(TenantKeys.For(tenant, "f1"));
        await returns.RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l3", 1, "damaged")]));
        await returns.DecideReturnAsync(new DecideReturn(Manager, "r1", Approve: true));
        await returns.ReceiveReturnAsync(new ReceiveReturn(Warehouse, "r1", [new ReceivedLine("l3", 1, ReturnDisposition.WriteOff)]));
        await returns.RequestRefundAsync(new RequestRefund(Manager, 12.5m, "damaged", "r1"));
        clock.Advance(TimeSpan.FromMinutes(3));
        await grains.DeliveredOrderAsync(tenant, "f2", deliver: false);
        _orderIds.Add("f2");
        await CreateAsync("o10", Order("c-1") with { Channel = SalesChannel.Marketplace("amazon") });
    }

    private async Task CreateAsync(string id, CreateOrder order)
    {
        await grains.Order(tenant, id).CreateAsync(order);
        _orderIds.Add(id);
    }
}
