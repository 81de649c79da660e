using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Returns;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Returns;

/// <summary>
/// Returns and refunds recorded on the order: each step is an order event (so streams, analytics and webhooks see it),
/// a timeline and audit entry, and the order's snapshot sums them up; the expected version (If-Match) is checked inside
/// the returns grain's turn, so of many concurrent writers on one version exactly one wins.
/// </summary>
public sealed class ReturnsOnOrderTests : DomainStorageTests
{
    private const string Tenant = "acme";

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    private IReturnsGrain Returns(string orderId) => Grains.GetGrain<IReturnsGrain>(TenantKeys.For(Tenant, orderId));

    [Fact]
    public async Task Every_return_and_refund_step_is_an_order_event_a_timeline_and_audit_entry_and_sums_up_on_the_snapshot()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        var returns = Returns("o-1");
        var order = Grains.Order(Tenant, "o-1");

        await returns.RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l3", 2, "damaged")]));
        await returns.RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l1", 1, "wrong size")]));
        await returns.DecideReturnAsync(new DecideReturn(Manager, "r1", Approve: true));
        await returns.DecideReturnAsync(new DecideReturn(Manager, "r2", Approve: false, "outside the window"));
        await returns.ReceiveReturnAsync(new ReceiveReturn(Warehouse, "r1", [new ReceivedLine("l3", 2, ReturnDisposition.Restock)]));
        await returns.RequestRefundAsync(new RequestRefund(Manager, 12m, "damaged goods", "r1"));

        var snapshot = await order.GetAsync();
        Assert.Equal(["r1", "r2"], snapshot.AfterSales!.ReturnIds.AsEnumerable());
        Assert.Equal(["f1"], snapshot.AfterSales.RefundIds.AsEnumerable());
        Assert.Equal((2, 0, 12m), (snapshot.AfterSales.ReturnedUnits, snapshot.AfterSales.PendingReturnUnits, snapshot.AfterSales.RefundedAmount));
        var events = (await order.GetEventsAsync(0, 500)).OfType<AfterSalesEvent>().ToList();
        Assert.Equal([OrderEventTypes.ReturnRequested, OrderEventTypes.ReturnRequested, OrderEventTypes.ReturnApproved, OrderEventTypes.ReturnRejected,
            OrderEventTypes.ReturnReceived, OrderEventTypes.Refunded], events.Select(e => e.EventType));
        Assert.Equal(("warehouse-1", 2, 2), (events[4].Actor.UserId, events[4].Units, events[4].ReturnedUnits));
        Assert.Equal(("f1", 12m, 12m), (events[5].RefundId, events[5].Amount, events[5].RefundedAmount));
        var timeline = (await order.GetTimelineAsync(new PageRequest { Order = SortOrder.OldestFirst, Limit = 500 })).Items
            .Where(t => t.Category == TimelineCategory.AfterSales).Select(t => t.Title).ToList();
        Assert.Equal("Return r1 received (2 unit(s))", timeline[4]);
        Assert.Equal("Refund f1 of 12 paid", timeline[5]);
        var audit = (await order.GetAuditTrailAsync(new PageRequest { Order = SortOrder.OldestFirst, Limit = 500 })).Items.Where(a => a.Action == "after-sales").ToList();
        Assert.Equal(6, audit.Count);
        Assert.Contains(audit[4].Changes, c => c is { Path: "afterSales.returnedUnits", Before: "0", After: "2" });
        Assert.Contains(audit[5].Changes, c => c is { Path: "afterSales.refundedAmount", Before: "0", After: "12" });
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_inside_the_grain_and_changes_nothing()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        var returns = Returns("o-1");
        var first = await returns.RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l1", 1, "wrong size")], ExpectedVersion: 0));

        var stale = await Assert.ThrowsAsync<VersionConflictException>(() =>
            returns.DecideReturnAsync(new DecideReturn(Manager, "r1", true, ExpectedVersion: first.Version - 1)));
        var current = await returns.DecideReturnAsync(new DecideReturn(Manager, "r1", true, ExpectedVersion: first.Version));

        Assert.Equal(first.Version, stale.Error.CurrentVersion);
        Assert.Equal((first.Version + 1, ReturnStatus.Approved), (current.Version, current.Returns[0].Status));
    }

    [Fact]
    public async Task Twenty_concurrent_refunds_on_one_version_make_exactly_one_refund_and_one_order_event()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        var returns = Returns("o-1");
        var version = (await returns.GetAsync()).Version;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await returns.RequestRefundAsync(new RequestRefund(Manager, 1m + i, $"goodwill {i}", ExpectedVersion: version));
                return true;
            }
            catch (VersionConflictException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
        var after = await returns.GetAsync();
        Assert.Single(after.Refunds);
        Assert.Single((await Grains.Order(Tenant, "o-1").GetEventsAsync(0, 500)).OfType<RefundIssuedEvent>());
        Assert.Equal(after.Refunds[0].Amount.Amount, (await Grains.Order(Tenant, "o-1").GetAsync()).AfterSales!.RefundedAmount);
    }
}
