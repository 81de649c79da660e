using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Runtime;
using static OrderCluster.Grains.Tests.Support.FulfilmentData;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Support;

/// <summary>Orders taken through fulfilment for the after-sales tests.</summary>
public static class FulfilledOrders
{
    /// <summary>
    /// One warehouse "main" stocking SKU-1..3 (100 each; unit costs 4, 15, 6), and the default order (total 100.00)
    /// allocated, shipped in one shipment (s1) and, unless <paramref name="deliver"/> is false, delivered.
    /// </summary>
    public static async Task DeliveredOrderAsync(this IGrainFactory grains, string tenant, string orderId, bool deliver = true, DateTimeOffset? costsFrom = null)
    {
        var main = grains.Warehouse(tenant, "main");
        if ((await grains.GetGrain<IWarehouseDirectoryGrain>(tenant).ListAsync(false)).IsEmpty)
        {
            await grains.StockedWarehouseAsync(tenant, "main", Site("Main"), ("SKU-1", 100), ("SKU-2", 100), ("SKU-3", 100));
            foreach (var (sku, cost) in new[] { ("SKU-1", 4m), ("SKU-2", 15m), ("SKU-3", 6m) })
                await main.SetUnitCostAsync(new SetUnitCost(Admin, sku, cost, costsFrom ?? DateTimeOffset.UnixEpoch));
        }

        await grains.Order(tenant, orderId).CreateAsync(Order());
        var fulfilment = grains.Fulfilment(tenant, orderId);
        await fulfilment.AllocateAsync(new AllocateOrder(Warehouse));
        await fulfilment.CreateShipmentsAsync(new CreateShipments(Warehouse));
        foreach (var action in new[] { "pick", "pack", "ship" }.Concat(deliver ? ["deliver"] : Array.Empty<string>()))
            await fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Warehouse, "s1", action, "DHL", "TRK-1"));
    }
}
