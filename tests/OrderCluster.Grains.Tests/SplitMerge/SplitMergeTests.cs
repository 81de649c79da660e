using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.SplitMerge;

/// <summary>Splitting by line and quantity, merging compatible orders; links, totals and audit stay consistent.</summary>
public sealed class SplitMergeTests : DomainStorageTests
{
    private const string Tenant = "acme";

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    [Fact]
    public async Task Splitting_moves_whole_lines_and_part_quantities_into_a_new_linked_order_and_the_totals_add_up()
    {
        var order = Grains.Order(Tenant, "o-1");
        await order.CreateAsync(Order() with { Lines = [Line("SKU-1", 2, 10m), Line("SKU-2", 1, 25.50m), Line("SKU-3", 4, 12.50m, discount: 2m)] });
        var before = await order.GetAsync();

        var result = await order.SplitAsync(new SplitOrder { Actor = Manager, Lines = [new SplitLine("l2", 1), new SplitLine("l3", 1)] });

        var original = await order.GetAsync();
        var split = await Grains.Order(Tenant, "o-1-s1").GetAsync();
        Assert.Equal("o-1-s1", result.CreatedId);
        Assert.Equal(["l1:SKU-1×2", "l3:SKU-3×3"], original.Lines.Select(l => $"{l.LineId}:{l.Sku}×{l.Quantity}"));
        Assert.Equal(["SKU-2×1", "SKU-3×1"], split.Lines.Select(l => $"{l.Sku}×{l.Quantity}"));
        Assert.Equal((1.50m, 0.50m), (original.Lines[1].Discount, split.Lines[1].Discount));
        Assert.Equal(before.Totals.Total.Amount, original.Totals.Total.Amount + split.Totals.Total.Amount);
        Assert.Equal(new OrderLink(OrderLinkKinds.SplitInto, "o-1-s1", Now), original.Links.Single());
        Assert.Equal(("approved", "c-1"), (split.Status, split.Customer.CustomerId));
        var audit = (await order.GetAuditTrailAsync(PageRequest.First(1))).Items.Single();
        Assert.Equal("split", audit.Action);
        Assert.Contains(audit.Changes, c => c.Path.StartsWith("lines[", StringComparison.Ordinal));
        Assert.Single(await order.GetEventsAsync(0, 100), e => e is OrderSplit { NewOrderId: "o-1-s1" });
    }

    [Fact]
    public async Task A_split_that_takes_every_unit_or_comes_after_allocation_is_refused()
    {
        await Grains.DeliveredOrderAsync(Tenant, "o-shipped");
        await Grains.Order(Tenant, "o-1").CreateAsync(Order());

        var all = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Order(Tenant, "o-1").SplitAsync(new SplitOrder
        {
            Actor = Manager, Lines = [new SplitLine("l1", 2), new SplitLine("l2", 1), new SplitLine("l3", 4)],
        }));
        var tooMany = await Assert.ThrowsAsync<ValidationFailedException>(() => Grains.Order(Tenant, "o-1").SplitAsync(new SplitOrder { Actor = Manager, Lines = [new SplitLine("l1", 3)] }));
        var late = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Order(Tenant, "o-shipped").SplitAsync(new SplitOrder { Actor = Manager, Lines = [new SplitLine("l1", 1)] }));

        Assert.Equal(FulfilmentErrorCodes.SplitNotAllowed, all.Code);
        Assert.Equal(["lines[0].quantity"], tooMany.Error.FieldNames);
        Assert.Equal(FulfilmentErrorCodes.SplitNotAllowed, late.Code);
        Assert.Contains("delivered", late.Message);
        Assert.Equal(1, (await Grains.Order(Tenant, "o-1").GetAsync()).Version);
    }

    [Fact]
    public async Task Merging_moves_the_lines_to_the_target_cancels_the_source_as_merged_and_links_both()
    {
        await Grains.Order(Tenant, "o-a").CreateAsync(Order());
        await Grains.Order(Tenant, "o-b").CreateAsync(Order() with { Lines = [Line("SKU-9", 1, 5m)] });
        var totalA = (await Grains.Order(Tenant, "o-a").GetAsync()).Totals.Total.Amount;

        var result = await Grains.Order(Tenant, "o-b").MergeIntoAsync(new MergeOrder { Actor = Manager, TargetOrderId = "o-a" });

        var a = await Grains.Order(Tenant, "o-a").GetAsync();
        var b = await Grains.Order(Tenant, "o-b").GetAsync();
        Assert.Equal("cancelled", result.Status);
        Assert.Equal(["l1", "l2", "l3", "l4"], a.Lines.Select(l => l.LineId));
        Assert.Equal("SKU-9", a.Lines[3].Sku);
        Assert.Equal(totalA + 5m, a.Totals.Total.Amount);
        Assert.Equal((OrderLinkKinds.MergedFrom, "o-b"), (a.Links.Single().Kind, a.Links.Single().OrderId));
        Assert.Equal((OrderLinkKinds.MergedInto, "o-a"), (b.Links.Single().Kind, b.Links.Single().OrderId));
        Assert.Equal("merged into o-a", (await Grains.Order(Tenant, "o-b").GetEventsAsync(0, 100)).OfType<OrderStatusChanged>().Last().Reason);
        var customer = await Grains.Customer(Tenant, "c-1").GetAsync();
        Assert.Equal([new Money(totalA + 5m, "EUR")], customer.Lifetime.TotalValue.ToList()); // the cancelled source no longer counts
    }

    [Fact]
    public async Task A_merge_retried_after_the_target_took_the_lines_completes_without_taking_them_twice()
    {
        await Grains.Order(Tenant, "o-a").CreateAsync(Order());
        await Grains.Order(Tenant, "o-b").CreateAsync(Order() with { Lines = [Line("SKU-9", 1, 5m)] });
        var source = await Grains.Order(Tenant, "o-b").GetAsync();
        var absorb = new AbsorbMergedOrder
        {
            Actor = Manager, SourceOrderId = "o-b", Customer = source.Customer, ShippingAddress = source.ShippingAddress,
            Currency = source.Currency, Lines = source.Lines,
        };

        // The target took the lines, then the source's commit failed: the target is asked again, and the source retried.
        var taken = await Grains.Order(Tenant, "o-a").AbsorbMergedOrderAsync(absorb);
        var again = await Grains.Order(Tenant, "o-a").AbsorbMergedOrderAsync(absorb);
        var result = await Grains.Order(Tenant, "o-b").MergeIntoAsync(new MergeOrder { Actor = Manager, TargetOrderId = "o-a" });

        var a = await Grains.Order(Tenant, "o-a").GetAsync();
        Assert.Equal((taken.Version, true), (again.Version, again.Replayed));
        Assert.Equal(taken.Version, a.Version);
        Assert.Equal(["l1", "l2", "l3", "l4"], a.Lines.Select(l => l.LineId));
        Assert.Equal("cancelled", result.Status);
        Assert.Equal((OrderLinkKinds.MergedInto, "o-a"), ((await Grains.Order(Tenant, "o-b").GetAsync()).Links.Single().Kind, (await Grains.Order(Tenant, "o-b").GetAsync()).Links.Single().OrderId));
    }

    [Fact]
    public async Task Orders_of_another_customer_or_address_do_not_merge_and_nothing_changes()
    {
        await Grains.Order(Tenant, "o-a").CreateAsync(Order());
        await Grains.Order(Tenant, "o-other").CreateAsync(Order("c-2") with { ShippingAddress = Address("Max Muster", "Köln") });

        var e = await Assert.ThrowsAsync<OrderRuleViolationException>(() =>
            Grains.Order(Tenant, "o-other").MergeIntoAsync(new MergeOrder { Actor = Manager, TargetOrderId = "o-a" }));

        Assert.Equal(FulfilmentErrorCodes.OrdersNotMergeable, e.Code);
        Assert.Contains("customer c-2 is not c-1", e.Message);
        Assert.Contains("shipping addresses differ", e.Message);
        Assert.Equal((1L, 1L), ((await Grains.Order(Tenant, "o-a").GetAsync()).Version, (await Grains.Order(Tenant, "o-other").GetAsync()).Version));
    }
}
