using System.Diagnostics;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using Xunit.Abstractions;
using static OrderCluster.Grains.Tests.Support.FulfilmentData;

namespace OrderCluster.Grains.Tests.Warehouses;

/// <summary>
/// The stock guarantee under load, on every store: 10,000 concurrent reservations against 1,000 units leave exactly
/// 1,000 reserved and never a negative availability; retries of the same order lines reserve once.
/// </summary>
public abstract class StockConcurrencyTests(ITestOutputHelper output) : DomainStorageTests
{
    private const int Units = 1_000;
    private const int Calls = 10_000;

    [Fact]
    public async Task Ten_thousand_concurrent_reservations_against_a_thousand_units_reserve_exactly_a_thousand()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "main", Site("Main"), ("SKU-HOT", Units));
        var watch = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Calls).Select(async i =>
        {
            try
            {
                await wh.ReserveAsync(new ReserveStock($"o-{i}", "l1", "SKU-HOT", 1));
                return "reserved";
            }
            catch (OrderRuleViolationException e) when (e.Code == FulfilmentErrorCodes.InsufficientStock)
            {
                return "insufficient";
            }
        }));
        watch.Stop();

        var stock = await wh.GetStockAsync("SKU-HOT");
        output.WriteLine($"{Storage}: {Calls} reservations in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(Units, outcomes.Count(o => o == "reserved"));
        Assert.Equal(Calls - Units, outcomes.Count(o => o == "insufficient"));
        Assert.Equal((Units, Units, 0), (stock.OnHand, stock.Reserved, stock.Available));
        Assert.Equal(Units, (await wh.GetAsync()).ReservationCount);
    }

    [Fact]
    public async Task Ten_concurrent_retries_of_each_of_a_thousand_order_lines_reserve_each_line_once()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "main", Site("Main"), ("SKU-HOT", Units));

        var results = await Task.WhenAll(Enumerable.Range(0, Calls).Select(i =>
            wh.ReserveAsync(new ReserveStock($"o-{i % Units}", "l1", "SKU-HOT", 1))));

        var stock = await wh.GetStockAsync("SKU-HOT");
        Assert.Equal(Units, results.Count(r => !r.Replayed));
        Assert.Equal((Units, 0), (stock.Reserved, stock.Available));
        Assert.Equal(Units, (await wh.GetAsync()).ReservationCount);
    }

    [Fact]
    public async Task Concurrent_reservations_releases_and_receipts_never_drive_availability_negative()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "main", Site("Main"), ("SKU-1", 100));

        var work = Enumerable.Range(0, 1_000).Select<int, Task>(async i =>
        {
            try
            {
                await wh.ReserveAsync(new ReserveStock($"o-{i}", "l1", "SKU-1", 3));
                if (i % 2 == 0) await wh.ReleaseAsync(new ReleaseReservation($"o-{i}", null, "cancelled"));
            }
            catch (OrderRuleViolationException e) when (e.Code == FulfilmentErrorCodes.InsufficientStock)
            {
            }

            if (i % 100 == 0) await wh.ReceiveAsync(new ReceiveStock(TestData.Warehouse, "SKU-1", 10));
        });
        await Task.WhenAll(work);

        var stock = await wh.GetStockAsync("SKU-1");
        var held = (await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i => wh.GetReservationsAsync($"o-{i}")))).SelectMany(r => r).Sum(r => r.Quantity);
        Assert.Equal(200, stock.OnHand);
        Assert.Equal(held, stock.Reserved);
        Assert.InRange(stock.Available, 0, 200);
    }
}

public sealed class MemoryStockConcurrencyTests(ITestOutputHelper output) : StockConcurrencyTests(output)
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteStockConcurrencyTests(SqliteDatabaseFixture sqlite, ITestOutputHelper output) : StockConcurrencyTests(output), IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresStockConcurrencyTests(ITestOutputHelper output) : StockConcurrencyTests(output)
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
