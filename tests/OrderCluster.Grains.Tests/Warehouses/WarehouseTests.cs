using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.FulfilmentData;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Warehouses;

/// <summary>Stock levels, reservations, releases, dispatch, costs, capacity and cut-off of one warehouse.</summary>
public sealed class WarehouseTests : DomainStorageTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    [Fact]
    public async Task Receiving_reserving_dispatching_and_releasing_move_on_hand_reserved_and_available()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "berlin", Site("Berlin"), ("SKU-1", 10));

        await wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 4));
        await wh.ReserveAsync(new ReserveStock("o-2", "l1", "SKU-1", 3));
        var afterReserve = await wh.GetStockAsync("SKU-1");
        await wh.DispatchAsync(new DispatchReservation("o-1", "l1", 4));
        var afterDispatch = await wh.GetStockAsync("SKU-1");
        var released = await wh.ReleaseAsync(new ReleaseReservation("o-2", null, "cancelled"));
        var releasedAgain = await wh.ReleaseAsync(new ReleaseReservation("o-2", null, "cancelled"));
        var end = await wh.GetStockAsync("SKU-1");

        Assert.Equal((10, 7, 3), (afterReserve.OnHand, afterReserve.Reserved, afterReserve.Available));
        Assert.Equal((6, 3, 3), (afterDispatch.OnHand, afterDispatch.Reserved, afterDispatch.Available));
        Assert.Equal((3, 0), (released, releasedAgain));
        Assert.Equal((6, 0, 6), (end.OnHand, end.Reserved, end.Available));
        Assert.Equal(["release", "dispatch", "reserve", "reserve", "receive"], (await wh.GetMovementsAsync(10)).Select(m => m.Kind));
    }

    [Fact]
    public async Task A_reservation_beyond_availability_is_refused_with_the_numbers_and_changes_nothing()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "berlin", Site("Berlin"), ("SKU-1", 2));
        var version = (await wh.GetAsync()).Version;

        var e = await Assert.ThrowsAsync<OrderRuleViolationException>(() => wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 3)));

        Assert.Equal(FulfilmentErrorCodes.InsufficientStock, e.Code);
        Assert.Contains("3 requested, 2 available", e.Message);
        Assert.Equal(version, (await wh.GetAsync()).Version);
    }

    [Fact]
    public async Task A_repeated_reservation_of_an_order_line_is_the_same_reservation_and_a_different_one_is_refused()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "berlin", Site("Berlin"), ("SKU-1", 10));

        var first = await wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 4));
        var again = await wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 4));
        var other = await Assert.ThrowsAsync<OrderRuleViolationException>(() => wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 5)));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Reservation, again.Reservation);
        Assert.Equal(FulfilmentErrorCodes.ReservationMismatch, other.Code);
        Assert.Equal(4, (await wh.GetStockAsync("SKU-1")).Reserved);
    }

    [Fact]
    public async Task Adjustments_cannot_take_stock_below_zero_or_below_what_is_reserved()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "berlin", Site("Berlin"), ("SKU-1", 5));
        await wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 3));

        var below = await Assert.ThrowsAsync<OrderRuleViolationException>(() => wh.AdjustAsync(new AdjustStock(Warehouse, "SKU-1", -3, "count")));
        var ok = await wh.AdjustAsync(new AdjustStock(Warehouse, "SKU-1", -2, "damaged in storage"));
        var negative = await Assert.ThrowsAsync<OrderRuleViolationException>(() => wh.AdjustAsync(new AdjustStock(Warehouse, "SKU-9", -1, "count")));

        Assert.Equal(FulfilmentErrorCodes.StockWouldGoNegative, below.Code);
        Assert.Equal(FulfilmentErrorCodes.StockWouldGoNegative, negative.Code);
        Assert.Equal((3, 3, 0), (ok.OnHand, ok.Reserved, ok.Available));
    }

    [Fact]
    public async Task The_unit_cost_is_effective_dated_and_fixed_on_the_reservation_when_it_is_made()
    {
        var wh = await Grains.StockedWarehouseAsync("acme", "berlin", Site("Berlin"), ("SKU-1", 10));
        await wh.SetUnitCostAsync(new SetUnitCost(Admin, "SKU-1", 4.00m, Now.AddDays(-30)));
        await wh.SetUnitCostAsync(new SetUnitCost(Admin, "SKU-1", 5.00m, Now.AddHours(1)));

        var reserved = await wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 2));
        Clock.Advance(TimeSpan.FromHours(2));
        var later = await wh.ReserveAsync(new ReserveStock("o-2", "l1", "SKU-1", 2));

        Assert.Equal(4.00m, reserved.Reservation.UnitCost);
        Assert.Equal(5.00m, later.Reservation.UnitCost);
        Assert.Equal(4.00m, (await wh.GetReservationsAsync("o-1")).Single().UnitCost); // unchanged by the later cost
        Assert.Null(await wh.GetUnitCostAsync("SKU-1", Now.AddDays(-40)));
    }

    [Fact]
    public async Task Daily_capacity_and_the_cut_off_push_dispatch_to_the_next_day_with_room()
    {
        var profile = Site("Small", dailyCapacity: 5) with { CutOffUtc = new TimeOnly(14, 0) };
        var wh = await Grains.StockedWarehouseAsync("acme", "small", profile, ("SKU-1", 100));
        Assert.Equal(new TimeOnly(12, 0), TimeOnly.FromDateTime(Now.UtcDateTime)); // the test clock starts at noon
        var day1 = DateOnly.FromDateTime(Now.UtcDateTime);

        var a = await wh.ReserveAsync(new ReserveStock("o-1", "l1", "SKU-1", 4));
        var b = await wh.ReserveAsync(new ReserveStock("o-2", "l1", "SKU-1", 2)); // 4 + 2 > 5: next day
        Clock.Advance(TimeSpan.FromHours(3)); // 15:00, past the cut-off
        var c = await wh.ReserveAsync(new ReserveStock("o-3", "l1", "SKU-1", 1)); // tomorrow (2 + 1 fits)
        var tooBig = await Assert.ThrowsAsync<OrderRuleViolationException>(() => wh.ReserveAsync(new ReserveStock("o-4", "l1", "SKU-1", 6)));

        Assert.Equal((day1, day1.AddDays(1), day1.AddDays(1)), (a.Reservation.DispatchDate, b.Reservation.DispatchDate, c.Reservation.DispatchDate));
        Assert.Equal(FulfilmentErrorCodes.NoCapacity, tooBig.Code);
        await wh.ReleaseAsync(new ReleaseReservation("o-2", "l1", "cancelled"));
        Assert.Equal(1, (await wh.GetAsync()).Booked.Values.Last());
    }

    [Fact]
    public async Task An_unconfigured_warehouse_is_not_found_and_the_directory_lists_configured_ones()
    {
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Grains.Warehouse("acme", "nowhere").ReceiveAsync(new ReceiveStock(Warehouse, "SKU-1", 1)));
        await Grains.StockedWarehouseAsync("acme", "a", Site("A"));
        await Grains.StockedWarehouseAsync("acme", "b", Site("B") with { Active = false });

        var active = await Grains.GetGrain<IWarehouseDirectoryGrain>("acme").ListAsync(activeOnly: true);
        var all = await Grains.GetGrain<IWarehouseDirectoryGrain>("acme").ListAsync(activeOnly: false);

        Assert.Equal(FulfilmentErrorCodes.WarehouseNotFound, missing.Code);
        Assert.Equal(["a"], active.ToList());
        Assert.Equal(["a", "b"], all.ToList());
    }
}
