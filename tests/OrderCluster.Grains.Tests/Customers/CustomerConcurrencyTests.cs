using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Customers;

/// <summary>Concurrent orders of one customer: the index and lifetime figures stay exact.</summary>
public abstract class CustomerConcurrencyTests : DomainStorageTests
{
    [Fact]
    public async Task Two_hundred_concurrent_orders_of_one_customer_give_two_hundred_entries_and_exact_totals()
    {
        const int orders = 200;

        await Task.WhenAll(Enumerable.Range(0, orders).Select(i => Grains.Order("acme", $"o-{i}").CreateAsync(Order("c-busy"))));

        var customer = await Grains.Customer("acme", "c-busy").GetAsync();
        var ids = new List<string>();
        var request = new PageRequest { Limit = PageRequest.MaxLimit };
        while (true)
        {
            var page = await Grains.Customer("acme", "c-busy").GetOrdersAsync(request);
            ids.AddRange(page.Items.Select(e => e.OrderId));
            if (page.NextCursor is null) break;
            request = request with { Cursor = page.NextCursor };
        }

        Assert.Equal(orders, customer.Lifetime.OrderCount);
        Assert.Equal<Money>([new Money(orders * 100m, "EUR")], customer.Lifetime.TotalValue);
        Assert.Equal(Enumerable.Range(0, orders).Select(i => $"o-{i}").Order(), ids.Order());
    }
}

public sealed class MemoryCustomerConcurrencyTests : CustomerConcurrencyTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteCustomerConcurrencyTests(SqliteDatabaseFixture sqlite) : CustomerConcurrencyTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresCustomerConcurrencyTests : CustomerConcurrencyTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
