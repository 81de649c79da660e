using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Returns;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Returns;

/// <summary>
/// Returns (request, approval, receiving with restock or write-off, exchanges) and refunds (partial, full, limits,
/// approval above the threshold) of a delivered order: SKU-1 ×2, SKU-2 ×1, SKU-3 ×4 from warehouse "main", total 100.00 EUR.
/// </summary>
public sealed class ReturnsTests : DomainStorageTests
{
    private const string Tenant = "acme";

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    private IReturnsGrain Returns(string orderId) => Grains.GetGrain<IReturnsGrain>(TenantKeys.For(Tenant, orderId));

    [Fact]
    public async Task A_return_is_requested_approved_and_received_restocking_some_units_and_writing_off_others_at_cost()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        var returns = Returns("o-1");

        await returns.RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l3", 2, "damaged in transit")]));
        await returns.DecideReturnAsync(new DecideReturn(Manager, "r1", Approve: true));
        var received = await returns.ReceiveReturnAsync(new ReceiveReturn(Warehouse, "r1",
            [new ReceivedLine("l3", 1, ReturnDisposition.Restock), new ReceivedLine("l3", 1, ReturnDisposition.WriteOff)]));

        var r = received.Returns.Single();
        Assert.Equal(ReturnStatus.Received, r.Status);
        Assert.Equal(("SKU-3", 1, 1, "main"), (r.Lines[0].Sku, r.Lines[0].Restocked, r.Lines[0].WrittenOff, r.Lines[0].WarehouseId));
        Assert.Equal(new Money(6m, "EUR"), r.WriteOffCost);
        Assert.Equal(97, (await Grains.Warehouse(Tenant, "main").GetStockAsync("SKU-3")).OnHand); // 100 - 4 shipped + 1 restocked
        Assert.Equal(["request-return", "approve-return", "receive-return"], received.History.Select(h => h.Action));
        Assert.Equal(["clerk-1", "manager-1", "warehouse-1"], received.History.Select(h => h.ActorId));
    }

    [Fact]
    public async Task A_return_cannot_exceed_what_was_shipped_less_earlier_returns()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        await Returns("o-1").RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l1", 1, "wrong size")]));

        var tooMany = await Assert.ThrowsAsync<OrderRuleViolationException>(() =>
            Returns("o-1").RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l1", 2, "wrong size")])));
        await Grains.Order(Tenant, "o-new").CreateAsync(Order());
        var unshipped = await Assert.ThrowsAsync<OrderRuleViolationException>(() =>
            Returns("o-new").RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l1", 1, "changed my mind")])));

        Assert.Equal(FulfilmentErrorCodes.ReturnExceedsShipped, tooMany.Code);
        Assert.Contains("2 shipped and 1 already returned", tooMany.Message);
        Assert.Contains("0 shipped", unshipped.Message);
    }

    [Fact]
    public async Task Return_steps_out_of_order_and_by_the_wrong_role_are_refused()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        var returns = Returns("o-1");
        await returns.RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l1", 1, "wrong size")]));

        var early = await Assert.ThrowsAsync<OrderRuleViolationException>(() =>
            returns.ReceiveReturnAsync(new ReceiveReturn(Warehouse, "r1", [new ReceivedLine("l1", 1, ReturnDisposition.Restock)])));
        var clerk = await Assert.ThrowsAsync<ActionForbiddenException>(() => returns.DecideReturnAsync(new DecideReturn(Clerk, "r1", true)));
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => returns.DecideReturnAsync(new DecideReturn(Manager, "r1", false)));
        await returns.DecideReturnAsync(new DecideReturn(Manager, "r1", false, "outside the return window"));
        var twice = await Assert.ThrowsAsync<OrderRuleViolationException>(() => returns.DecideReturnAsync(new DecideReturn(Manager, "r1", true)));

        Assert.Equal(FulfilmentErrorCodes.ReturnTransitionNotAllowed, early.Code);
        Assert.Contains("requested", early.Message);
        Assert.Equal(ErrorCodes.ActionForbidden, clerk.Code);
        Assert.Equal(["reason"], noReason.Error.FieldNames);
        Assert.Equal(FulfilmentErrorCodes.ReturnTransitionNotAllowed, twice.Code);
    }

    [Fact]
    public async Task Refunds_below_the_threshold_are_immediate_above_it_wait_for_a_finance_approver_and_never_exceed_the_total()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        await Grains.GetGrain<IRefundPolicyGrain>(Tenant).PublishAsync(new PublishRefundPolicy(Admin, new RefundPolicy { ApprovalThreshold = 30m }));
        var returns = Returns("o-1");

        var small = await returns.RequestRefundAsync(new RequestRefund(Manager, 20m, "late delivery"));
        var large = await returns.RequestRefundAsync(new RequestRefund(Manager, 50m, "damaged goods"));
        var over = await Assert.ThrowsAsync<OrderRuleViolationException>(() => returns.RequestRefundAsync(new RequestRefund(Manager, 30.01m, "goodwill")));
        var self = await Assert.ThrowsAsync<ActionForbiddenException>(() => returns.DecideRefundAsync(new DecideRefund(ManagerAndFinance with { UserId = "manager-1" }, "f2", true)));
        var noRole = await Assert.ThrowsAsync<ActionForbiddenException>(() => returns.DecideRefundAsync(new DecideRefund(OtherManager, "f2", true)));
        var approved = await returns.DecideRefundAsync(new DecideRefund(FinanceOfficer, "f2", true));
        var full = await returns.RequestRefundAsync(new RequestRefund(Manager, null, "customer keeps nothing"));

        Assert.Equal((RefundStatus.Refunded, new Money(20m, "EUR")), (small.Refunds[0].Status, small.Refunded));
        Assert.Equal(RefundStatus.PendingApproval, large.Refunds[1].Status);
        Assert.Contains("approval threshold of 30.00", large.Refunds[1].ApprovalReason);
        Assert.Equal(new Money(30m, "EUR"), large.Refundable); // pending refunds count against the limit
        Assert.Equal(FulfilmentErrorCodes.RefundExceedsLimit, over.Code);
        Assert.Contains("requested refund f2", self.Message);
        Assert.Contains("finance", noRole.Message);
        Assert.Equal((RefundStatus.Refunded, new Money(70m, "EUR")), (approved.Refunds[1].Status, approved.Refunded));
        Assert.Equal((new Money(30m, "EUR"), RefundStatus.Refunded), (full.Refunds[2].Amount, full.Refunds[2].Status));
        Assert.Equal((new Money(100m, "EUR"), new Money(0m, "EUR")), (full.Refunded, full.Refundable));
    }

    [Fact]
    public async Task An_exchange_creates_a_no_charge_replacement_order_when_the_return_is_received()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-1");
        var returns = Returns("o-1");
        await returns.RequestReturnAsync(new RequestReturn(Clerk, [new ReturnLineRequest("l1", 1, "wrong colour")], [new ExchangeLine("SKU-1-BLUE", 1)]));
        await returns.DecideReturnAsync(new DecideReturn(Manager, "r1", true));

        var received = await returns.ReceiveReturnAsync(new ReceiveReturn(Warehouse, "r1", [new ReceivedLine("l1", 1, ReturnDisposition.Restock)]));

        var exchangeId = received.Returns.Single().ExchangeOrderId;
        Assert.Equal("o-1-x1", exchangeId);
        var exchange = await Grains.Order(Tenant, exchangeId!).GetAsync();
        Assert.Equal(("SKU-1-BLUE", 1, 0m), (exchange.Lines.Single().Sku, exchange.Lines.Single().Quantity, exchange.Totals.Total.Amount));
        Assert.Contains("exchange", exchange.Tags);
        Assert.Equal("c-1", exchange.Customer.CustomerId);
    }
}
