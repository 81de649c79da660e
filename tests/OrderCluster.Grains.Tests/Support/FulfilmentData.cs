using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Runtime;

namespace OrderCluster.Grains.Tests.Support;

/// <summary>Shorthand for warehouses and the fulfilment grains of a tenant.</summary>
public static class FulfilmentData
{
    public static IWarehouseGrain Warehouse(this IGrainFactory grains, string tenant, string warehouseId) =>
        grains.GetGrain<IWarehouseGrain>(TenantKeys.For(tenant, warehouseId));

    public static WarehouseProfile Site(string name, string country = "DE", string? region = null, int priority = 100,
        int dailyCapacity = 0, params string[] zones) => new()
    {
        Name = name, CountryCode = country, Region = region, Priority = priority, DailyCapacity = dailyCapacity, Zones = [.. zones],
        CutOffUtc = new TimeOnly(23, 59, 59),
    };

    /// <summary>Configures a warehouse and puts <paramref name="stock"/> on hand (SKU, units).</summary>
    public static async Task<IWarehouseGrain> StockedWarehouseAsync(this IGrainFactory grains, string tenant, string id, WarehouseProfile profile,
        params (string Sku, int Units)[] stock)
    {
        var warehouse = grains.Warehouse(tenant, id);
        await warehouse.ConfigureAsync(new ConfigureWarehouse(TestData.Admin, profile));
        foreach (var (sku, units) in stock) await warehouse.ReceiveAsync(new ReceiveStock(TestData.Warehouse, sku, units, "initial"));
        return warehouse;
    }
}

/// <summary>Fulfilment shorthand.</summary>
public static class FulfilmentGrains
{
    public static OrderCluster.GrainInterfaces.Fulfilment.IFulfilmentGrain Fulfilment(this IGrainFactory grains, string tenant, string orderId) =>
        grains.GetGrain<OrderCluster.GrainInterfaces.Fulfilment.IFulfilmentGrain>(TenantKeys.For(tenant, orderId));
}
