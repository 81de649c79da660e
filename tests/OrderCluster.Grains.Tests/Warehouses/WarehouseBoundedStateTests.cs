using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Grains.Warehouses;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.FulfilmentData;

namespace OrderCluster.Grains.Tests.Warehouses;

/// <summary>
/// The warehouse state stays bounded by open work: shipped reservations leave it (replays of them are still answered,
/// not applied), and the lines of one order are reserved in one call and one write, a short line refused on its own.
/// </summary>
public abstract class WarehouseBoundedStateTests : DomainStorageTests
{
    private static ReserveStockLines ThreeLines(string orderId) =>
        new(orderId, [new ReserveLine("l1", "SKU-1", 1), new ReserveLine("l2", "SKU-2", 2), new ReserveLine("l3", "SKU-3", 3)]);

    [Fact]
    public async Task After_many_orders_are_reserved_and_shipped_no_reservation_is_left_in_the_state()
    {
        const int orders = 150;
        var wh = await Grains.StockedWarehouseAsync("acme", "main", Site("Main"), ("SKU-1", 10_000), ("SKU-2", 10_000), ("SKU-3", 10_000));

        for (var i = 0; i < orders; i++)
        {
            var order = $"o-{i}";
            foreach (var line in await wh.ReserveManyAsync(ThreeLines(order)))
                await wh.DispatchAsync(new DispatchReservation(order, line.LineId, line.Result!.Reservation.Quantity));
        }

        var snapshot = await wh.GetAsync();
        Assert.Equal(0, snapshot.ReservationCount);
        Assert.Empty(await wh.GetReservationsAsync("o-0"));
        Assert.Equal((10_000 - orders * 2, 0), (snapshot.Stock.Single(s => s.Sku == "SKU-2").OnHand, snapshot.Stock.Single(s => s.Sku == "SKU-2").Reserved));
    }

    [Fact]
    public async Task A_replayed_reserve_or_dispatch_of_a_shipped_line_is_answered_and_changes_nothing()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "main", Site("Main"), ("SKU-1", 10), ("SKU-2", 10), ("SKU-3", 10));
        await wh.ReserveManyAsync(ThreeLines("o-1"));
        foreach (var (line, quantity) in new[] { ("l1", 1), ("l2", 2), ("l3", 3) }) await wh.DispatchAsync(new DispatchReservation("o-1", line, quantity));
        var before = await wh.GetAsync();

        var reserved = await wh.ReserveManyAsync(ThreeLines("o-1"));
        var single = await wh.ReserveAsync(new ReserveStock("o-1", "l2", "SKU-2", 2));
        var dispatched = await wh.DispatchAsync(new DispatchReservation("o-1", "l3", 3));
        var mismatch = await Assert.ThrowsAsync<OrderRuleViolationException>(() => wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 5)));

        var after = await wh.GetAsync();
        Assert.All(reserved, r => Assert.True(r.Result is { Replayed: true, Reservation.Status: ReservationStatus.Shipped }, $"{r.LineId} replayed as shipped"));
        Assert.True(single is { Replayed: true, Reservation.Status: ReservationStatus.Shipped });
        Assert.Equal(ReservationStatus.Shipped, dispatched.Status);
        Assert.Equal(FulfilmentErrorCodes.ReservationMismatch, mismatch.Code);
        Assert.Equal(before.Version, after.Version); // nothing written
        Assert.Equal(before.Stock.ToList(), after.Stock.ToList());
        Assert.Equal([(9, 0), (8, 0), (7, 0)], after.Stock.OrderBy(s => s.Sku).Select(s => (s.OnHand, s.Reserved)));
    }

    [Fact]
    public async Task A_multi_line_reserve_with_one_line_short_reserves_the_others_in_one_write()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "main", Site("Main"), ("SKU-1", 10), ("SKU-2", 1), ("SKU-3", 10));
        var before = (await wh.GetAsync()).Version;

        var results = await wh.ReserveManyAsync(ThreeLines("o-1"));

        Assert.Equal(["l1", "l2", "l3"], results.Select(r => r.LineId));
        Assert.True(results[0].Result is { Replayed: false, Reservation.Quantity: 1 });
        Assert.Equal((null, FulfilmentErrorCodes.InsufficientStock), (results[1].Result, results[1].Code));
        Assert.True(results[2].Result is { Replayed: false, Reservation.Quantity: 3 });
        Assert.Equal(before + 1, (await wh.GetAsync()).Version); // one write for the order
        Assert.Equal([("SKU-1", 1), ("SKU-3", 3)], (await wh.GetReservationsAsync("o-1")).OrderBy(r => r.Sku).Select(r => (r.Sku, r.Quantity)));
        Assert.Equal((1, 0), ((await wh.GetStockAsync("SKU-2")).OnHand, (await wh.GetStockAsync("SKU-2")).Reserved));
    }

    [Fact]
    public async Task Concurrent_multi_line_reservations_never_oversell()
    {
        const int orders = 600, units = 1_000; // 1,800 lines of 1 unit each, wanting 1,800 units of 1,000
        var wh = await Grains.StockedWarehouseAsync("acme", "main", Site("Main"), ("SKU-HOT", units));

        var results = await Task.WhenAll(Enumerable.Range(0, orders).Select(i => wh.ReserveManyAsync(new ReserveStockLines($"o-{i}",
            [new ReserveLine("l1", "SKU-HOT", 1), new ReserveLine("l2", "SKU-HOT", 1), new ReserveLine("l3", "SKU-HOT", 1)]))));

        var lines = results.SelectMany(r => r).ToList();
        var stock = await wh.GetStockAsync("SKU-HOT");
        Assert.Equal(units, lines.Count(l => l.Result is not null));
        Assert.Equal(orders * 3 - units, lines.Count(l => l.Code == FulfilmentErrorCodes.InsufficientStock));
        Assert.Equal((units, units, 0), (stock.OnHand, stock.Reserved, stock.Available));
    }
}

public sealed class MemoryWarehouseBoundedStateTests : WarehouseBoundedStateTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteWarehouseBoundedStateTests(SqliteDatabaseFixture sqlite) : WarehouseBoundedStateTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresWarehouseBoundedStateTests : WarehouseBoundedStateTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

/// <summary>The shipped-keys window on its own: pruned to the newest <see cref="ShippedKeys.MaxCount"/> and to <see cref="ShippedKeys.Retention"/>.</summary>
public sealed class ShippedKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static StockReservation Shipped(int i) => new()
    {
        Key = $"o-{i}/l1", OrderId = $"o-{i}", LineId = "l1", Sku = "SKU-1", Quantity = 1, Status = ReservationStatus.Shipped,
    };

    [Fact]
    public void Shipped_reservations_leave_the_open_ones_and_the_window_keeps_the_newest_within_its_count()
    {
        var s = new WarehouseState();
        for (var i = 0; i < ShippedKeys.MaxCount + 500; i++)
            s = ShippedKeys.Compact(s with { Reservations = s.Reservations.Add(Shipped(i).Key, Shipped(i)) }, Now.AddSeconds(i));

        Assert.Empty(s.Reservations);
        Assert.Equal(ShippedKeys.MaxCount, s.Shipped.Count);
        Assert.False(s.Shipped.ContainsKey("o-499/l1"));
        Assert.True(s.Shipped.ContainsKey("o-500/l1") && s.Shipped.ContainsKey($"o-{ShippedKeys.MaxCount + 499}/l1"));
    }

    [Fact]
    public void Shipped_keys_older_than_the_retention_are_dropped_and_open_reservations_stay()
    {
        var open = Shipped(1) with { Key = "o-open/l1", OrderId = "o-open", Status = ReservationStatus.Reserved };
        var s = ShippedKeys.Compact(new WarehouseState { Reservations = ImmutableSortedDictionary<string, StockReservation>.Empty.Add(open.Key, open).Add(Shipped(2).Key, Shipped(2)) }, Now);

        var later = ShippedKeys.Compact(s, Now + ShippedKeys.Retention + TimeSpan.FromSeconds(1));

        Assert.Equal(["o-2/l1"], s.Shipped.Keys);
        Assert.Empty(later.Shipped);
        Assert.Equal(["o-open/l1"], later.Reservations.Keys);
    }
}
