using OrderCluster.Runtime;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Silo.Demo;

/// <summary>
/// Creates the demo tenant's warehouses (with stock and unit costs) and customers. Every step first looks at what exists,
/// so seeding again (a restart with <c>--demo</c>, or a seed that stopped half-way) adds only what is missing: stock is
/// received only into a SKU that has none on hand or reserved, unit costs only where none is set, customers only when absent.
/// </summary>
internal sealed class DemoSeeder(IGrainFactory grains, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(string tenant, CancellationToken cancellationToken)
    {
        int configured = 0, receipts = 0, costs = 0, customers = 0;
        foreach (var site in DemoCatalog.Warehouses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var warehouse = grains.GetGrain<IWarehouseGrain>(TenantKeys.For(tenant, site.WarehouseId));
            if (!await ExistsAsync(() => warehouse.GetAsync()))
            {
                await warehouse.ConfigureAsync(new ConfigureWarehouse(DemoCatalog.Seeder, site.Profile));
                configured++;
            }

            foreach (var product in DemoCatalog.Products)
            {
                if (await warehouse.GetUnitCostAsync(product.Sku, DateTimeOffset.UnixEpoch) is null)
                {
                    await warehouse.SetUnitCostAsync(new SetUnitCost(DemoCatalog.Seeder, product.Sku, product.UnitCost, DateTimeOffset.UnixEpoch));
                    costs++;
                }

                var stock = await warehouse.GetStockAsync(product.Sku);
                if (stock.OnHand == 0 && stock.Reserved == 0)
                {
                    await warehouse.ReceiveAsync(new ReceiveStock(DemoCatalog.Seeder, product.Sku, site.InitialUnits, "demo-seed"));
                    receipts++;
                }
            }
        }

        foreach (var customer in DemoCatalog.Customers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var grain = grains.GetGrain<ICustomerGrain>(TenantKeys.For(tenant, customer.CustomerId));
            if (await ExistsAsync(() => grain.GetAsync())) continue;
            var address = DemoCatalog.AddressOf(customer);
            await grain.SaveProfileAsync(new SaveCustomerProfile
            {
                Actor = DemoCatalog.Seeder,
                Profile = new CustomerProfile
                {
                    Name = customer.Name,
                    Emails = [$"{customer.CustomerId}@customers.example.com"],
                    Addresses = [address],
                    DefaultShippingAddress = 0,
                    DefaultBillingAddress = 0,
                },
            });
            customers++;
        }

        DemoLog.Seeded(logger, tenant, configured, receipts, costs, customers,
            DemoCatalog.Products.Length, DemoCatalog.Warehouses.Length, DemoCatalog.Customers.Length);
    }

    /// <summary>Receives <see cref="DemoCatalog.ReorderUnits"/> of every SKU whose available stock fell below the reorder point.</summary>
    public async Task RestockAsync(string tenant, CancellationToken cancellationToken)
    {
        foreach (var site in DemoCatalog.Warehouses)
        {
            var warehouse = grains.GetGrain<IWarehouseGrain>(TenantKeys.For(tenant, site.WarehouseId));
            foreach (var product in DemoCatalog.Products)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stock = await warehouse.GetStockAsync(product.Sku);
                if (stock.Available >= DemoCatalog.ReorderPoint) continue;
                await warehouse.ReceiveAsync(new ReceiveStock(DemoCatalog.Seeder, product.Sku, DemoCatalog.ReorderUnits, "demo-restock"));
                DemoLog.Restocked(logger, tenant, site.WarehouseId, DemoCatalog.ReorderUnits, product.Sku);
            }
        }
    }

    private static async Task<bool> ExistsAsync<T>(Func<Task<T>> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
