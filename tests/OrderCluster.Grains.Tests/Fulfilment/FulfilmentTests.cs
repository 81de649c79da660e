using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.FulfilmentData;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Fulfilment;

/// <summary>
/// Allocation through sourcing with reserved stock and fixed costs, shipments per warehouse, and the order's status
/// following its shipments (partial shipment, delivery), on the real grains. The default order has SKU-1 ×2 at 10.00,
/// SKU-2 ×1 at 25.50 and SKU-3 ×4 at 12.50 (revenue 95.50).
/// </summary>
public abstract class FulfilmentTests : DomainStorageTests
{
    private const string Tenant = "acme";

    private async Task StockAsync()
    {
        var berlin = await Grains.StockedWarehouseAsync(Tenant, "berlin", Site("Berlin", zones: "10"), ("SKU-1", 10), ("SKU-2", 10));
        var munich = await Grains.StockedWarehouseAsync(Tenant, "munich", Site("Munich", region: "BY"), ("SKU-1", 10), ("SKU-3", 10));
        foreach (var (wh, sku, cost) in new[] { (berlin, "SKU-1", 4m), (berlin, "SKU-2", 15m), (munich, "SKU-1", 5m), (munich, "SKU-3", 6m) })
            await wh.SetUnitCostAsync(new SetUnitCost(Admin, sku, cost, Now.AddDays(-1)));
    }

    [Fact]
    public async Task Allocation_splits_across_warehouses_reserves_stock_fixes_costs_and_moves_the_order_to_allocated()
    {
        await StockAsync();
        await Grains.Order(Tenant, "o-1").CreateAsync(Order());

        var f = await Grains.Fulfilment(Tenant, "o-1").AllocateAsync(new AllocateOrder(Warehouse));

        var order = await Grains.Order(Tenant, "o-1").GetAsync();
        Assert.Equal(["l1:berlin×2", "l2:berlin×1", "l3:munich×4"], f.Allocations.Select(a => $"{a.LineId}:{a.WarehouseId}×{a.Quantity}"));
        Assert.All(f.Allocations, a => Assert.False(string.IsNullOrWhiteSpace(a.Reason)));
        Assert.Contains("Split across 2 warehouses", f.LastPlan!.Summary);
        Assert.Equal(FulfilmentStatus.Allocated, f.Status);
        Assert.Equal(("allocated", FulfilmentStatus.Allocated), (order.Status, order.Fulfilment!.Status));
        Assert.Equal([4m, 15m, 6m], order.Lines.Select(l => l.UnitCost!.Value));
        Assert.Equal((new Money(47m, "EUR"), new Money(48.50m, "EUR")), (order.Totals.Cost, order.Totals.Margin));
        Assert.Equal((47m, 48.50m, 50.79m), (f.OrderCost!.Amount, f.OrderMargin!.Amount, f.OrderMarginPercent!.Value));
        Assert.Equal((20m, 8m, 12m, 60m), f.Margins.Where(m => m.LineId == "l1").Select(m => (m.Revenue.Amount, m.Cost!.Amount, m.Margin!.Amount, m.MarginPercent!.Value)).Single());
        Assert.Equal(3, (await Grains.Warehouse(Tenant, "berlin").GetStockAsync("SKU-1")).Reserved + (await Grains.Warehouse(Tenant, "berlin").GetStockAsync("SKU-2")).Reserved);
        Assert.Equal(4, (await Grains.Warehouse(Tenant, "munich").GetStockAsync("SKU-3")).Reserved);
    }

    [Fact]
    public async Task The_cost_is_fixed_at_allocation_and_later_cost_changes_do_not_touch_it()
    {
        await StockAsync();
        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await Grains.Fulfilment(Tenant, "o-1").AllocateAsync(new AllocateOrder(Warehouse));

        await Grains.Warehouse(Tenant, "munich").SetUnitCostAsync(new SetUnitCost(Admin, "SKU-3", 9m, Now.AddDays(-2)));
        await Grains.Fulfilment(Tenant, "o-1").CreateShipmentsAsync(new CreateShipments(Warehouse));

        Assert.Equal(6m, (await Grains.Order(Tenant, "o-1").GetAsync()).Lines.Single(l => l.Sku == "SKU-3").UnitCost);
        Assert.Equal(48.50m, (await Grains.Fulfilment(Tenant, "o-1").GetAsync()).OrderMargin!.Amount);
    }

    [Fact]
    public async Task The_order_status_follows_its_shipments_through_partial_shipment_to_delivery()
    {
        await StockAsync();
        var order = Grains.Order(Tenant, "o-1");
        await order.CreateAsync(Order());
        var fulfilment = Grains.Fulfilment(Tenant, "o-1");
        await fulfilment.AllocateAsync(new AllocateOrder(Warehouse));
        var shipments = (await fulfilment.CreateShipmentsAsync(new CreateShipments(Warehouse))).Shipments;
        Assert.Equal(["s1:berlin:3", "s2:munich:4"], shipments.Select(s => $"{s.ShipmentId}:{s.WarehouseId}:{s.Lines.Sum(l => l.Quantity)}"));

        async Task<(string, FulfilmentStatus)> Step(string shipment, string action)
        {
            var f = await fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Warehouse, shipment, action, "DHL", $"TRK-{shipment}"));
            return ((await order.GetAsync()).Status, f.Status);
        }

        Assert.Equal(("allocated", FulfilmentStatus.Allocated), await Step("s1", "pick")); // s2 is still pending: the least advanced decides
        Assert.Equal(("picking", FulfilmentStatus.Allocated), await Step("s2", "pick"));
        Assert.Equal(("picking", FulfilmentStatus.Allocated), await Step("s1", "pack"));
        Assert.Equal(("picking", FulfilmentStatus.PartiallyShipped), await Step("s1", "ship"));
        Assert.Equal(("packed", FulfilmentStatus.PartiallyShipped), await Step("s2", "pack"));
        Assert.Equal(("shipped", FulfilmentStatus.Shipped), await Step("s2", "ship"));
        Assert.Equal(("shipped", FulfilmentStatus.PartiallyDelivered), await Step("s1", "deliver"));
        Assert.Equal(("delivered", FulfilmentStatus.Delivered), await Step("s2", "deliver"));

        var snapshot = await order.GetAsync();
        Assert.Equal(["s1:Delivered:DHL:TRK-s1", "s2:Delivered:DHL:TRK-s2"], snapshot.Fulfilment!.Shipments.Select(s => $"{s.ShipmentId}:{s.Status}:{s.Carrier}:{s.TrackingNumber}"));
        var transitions = (await order.GetEventsAsync(0, 200)).OfType<OrderStatusChanged>().Select(e => e.Transition).ToList();
        Assert.Equal(["create", "place", "auto-approve", "allocate", "start-picking", "pack", "ship", "deliver"], transitions);
        Assert.Equal(SlaStatus.Met, snapshot.Sla.Single(d => d.Kind == "shipping").Status);
        var stock = await Grains.Warehouse(Tenant, "munich").GetStockAsync("SKU-3");
        Assert.Equal((6, 0), (stock.OnHand, stock.Reserved));
    }

    [Fact]
    public async Task Illegal_shipment_moves_are_refused_with_the_allowed_actions_and_shipping_needs_carrier_and_tracking()
    {
        await StockAsync();
        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        var fulfilment = Grains.Fulfilment(Tenant, "o-1");
        await fulfilment.AllocateAsync(new AllocateOrder(Warehouse));
        await fulfilment.CreateShipmentsAsync(new CreateShipments(Warehouse));

        var deliver = await Assert.ThrowsAsync<OrderRuleViolationException>(() => fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Warehouse, "s1", "deliver")));
        await fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Warehouse, "s1", "pick"));
        await fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Warehouse, "s1", "pack"));
        var untracked = await Assert.ThrowsAsync<ValidationFailedException>(() => fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Warehouse, "s1", "ship", "DHL")));
        var clerk = await Assert.ThrowsAsync<ActionForbiddenException>(() => fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Clerk, "s1", "ship", "DHL", "T1")));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Warehouse, "s9", "pick")));

        Assert.Equal(FulfilmentErrorCodes.ShipmentTransitionNotAllowed, deliver.Code);
        Assert.Equal(["pick", "cancel"], deliver.Error.AllowedActions.ToList());
        Assert.Equal(["trackingNumber"], untracked.Error.FieldNames);
        Assert.Equal(FulfilmentErrorCodes.ShipmentNotFound, unknown.Code);
        Assert.Equal(ErrorCodes.ActionForbidden, clerk.Code);
    }

    [Fact]
    public async Task An_order_waiting_for_approval_cannot_be_allocated()
    {
        await StockAsync();
        await Grains.Order(Tenant, "o-big").CreateAsync(OrderOf(12_000m) with { Lines = [Line("SKU-1", 1, 12_000m)] });

        var e = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Fulfilment(Tenant, "o-big").AllocateAsync(new AllocateOrder(Warehouse)));

        Assert.Equal(FulfilmentErrorCodes.OrderNotAllocatable, e.Code);
        Assert.Contains("pending-approval", e.Message);
        Assert.Equal(0, (await Grains.Warehouse(Tenant, "berlin").GetStockAsync("SKU-1")).Reserved);
    }

    [Fact]
    public async Task Backordered_units_are_allocated_once_stock_arrives()
    {
        var wh = await Grains.StockedWarehouseAsync(Tenant, "berlin", Site("Berlin"), ("SKU-1", 1));
        await Grains.Order(Tenant, "o-1").CreateAsync(Order() with { Lines = [Line("SKU-1", 3, 10m)] });
        var fulfilment = Grains.Fulfilment(Tenant, "o-1");

        var first = await fulfilment.AllocateAsync(new AllocateOrder(Warehouse));
        var statusAfterFirst = (await Grains.Order(Tenant, "o-1").GetAsync()).Status;
        await wh.ReceiveAsync(new ReceiveStock(Warehouse, "SKU-1", 5));
        var second = await fulfilment.AllocateAsync(new AllocateOrder(Warehouse));
        var again = await Assert.ThrowsAsync<OrderRuleViolationException>(() => fulfilment.AllocateAsync(new AllocateOrder(Warehouse)));

        Assert.Equal((FulfilmentStatus.Backordered, 2), (first.Status, first.Backorders.Single().Quantity));
        Assert.Equal("allocated", statusAfterFirst);
        Assert.Equal((FulfilmentStatus.Allocated, 0), (second.Status, second.Backorders.Length));
        Assert.Equal([1, 2], second.Allocations.Select(a => a.Quantity));
        Assert.Equal(FulfilmentErrorCodes.AlreadyAllocated, again.Code);
        Assert.Equal(3, (await wh.GetStockAsync("SKU-1")).Reserved);
    }

    [Fact]
    public async Task Cancelling_an_allocated_order_releases_its_reserved_stock()
    {
        await StockAsync();
        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await Grains.Fulfilment(Tenant, "o-1").AllocateAsync(new AllocateOrder(Warehouse));

        await Grains.Order(Tenant, "o-1").PerformActionAsync(Action("cancel", Manager, "customer changed their mind"));
        await AdvanceUntilAsync(async () => (await Grains.Fulfilment(Tenant, "o-1").GetAsync()).Status == FulfilmentStatus.Released,
            "the release", TimeSpan.FromMinutes(1));

        Assert.Equal(0, (await Grains.Warehouse(Tenant, "munich").GetStockAsync("SKU-3")).Reserved);
        Assert.Equal(0, (await Grains.Warehouse(Tenant, "berlin").GetStockAsync("SKU-1")).Reserved);
        var order = await Grains.Order(Tenant, "o-1").GetAsync();
        Assert.Equal(("cancelled", FulfilmentStatus.Released), (order.Status, order.Fulfilment!.Status));
    }
}

public sealed class MemoryFulfilmentTests : FulfilmentTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteFulfilmentTests(SqliteDatabaseFixture sqlite) : FulfilmentTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}
