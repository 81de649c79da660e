using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Customers;

/// <summary>Customer profiles, thresholds and the order-history index the order grains keep current.</summary>
public sealed class CustomerTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DomainTestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_profile_is_saved_with_a_new_version_and_refused_on_a_stale_one()
    {
        var customer = _silo.Grains.Customer("acme", "c-1");

        var saved = await customer.SaveProfileAsync(new SaveCustomerProfile { Actor = Admin, Profile = Profile() });
        var stale = await Assert.ThrowsAsync<VersionConflictException>(() =>
            customer.SaveProfileAsync(new SaveCustomerProfile { Actor = Admin, ExpectedVersion = 0, Profile = Profile("New Name") }));

        Assert.Equal((1L, true, "Jane Doe"), (saved.Version, saved.Registered, saved.Profile!.Name));
        Assert.Equal(1, stale.CurrentVersion);
    }

    [Fact]
    public async Task An_invalid_profile_is_refused_naming_the_fields()
    {
        var profile = Profile() with { Emails = ["not-an-email"], DefaultShippingAddress = 5, Addresses = [Address() with { PostalCode = "" }] };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _silo.Grains.Customer("acme", "c-2").SaveProfileAsync(new SaveCustomerProfile { Actor = Admin, Profile = profile }));

        Assert.Equal(["profile.addresses[0].postalCode", "profile.defaultBillingAddress", "profile.defaultShippingAddress", "profile.emails[0]"],
            error.Error.FieldNames.Order());
    }

    [Fact]
    public async Task Orders_keep_the_history_index_current_as_they_change()
    {
        var customer = _silo.Grains.Customer("acme", "c-3");
        await _silo.Grains.Order("acme", "o-1").CreateAsync(Order("c-3"));
        await _silo.Grains.Order("acme", "o-2").CreateAsync(OrderOf(50m, "c-3"));
        await _silo.Grains.Order("acme", "o-2").PerformActionAsync(Action("cancel", Manager, "duplicate"));
        await _silo.Grains.Order("acme", "o-1").ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Add = [Line("X", 1, 20m)] });

        var snapshot = await customer.GetAsync();
        var history = await customer.GetOrdersAsync(new PageRequest());

        Assert.Equal((2, 1), (snapshot.Lifetime.OrderCount, snapshot.Lifetime.CancelledCount));
        Assert.Equal<Money>([new Money(120m, "EUR")], snapshot.Lifetime.TotalValue);
        Assert.Equal([("o-2", "cancelled", true), ("o-1", "approved", false)], history.Items.Select(e => (e.OrderId, e.Status, e.Cancelled)));
        Assert.False(snapshot.Registered);
    }

    [Fact]
    public async Task An_older_update_never_replaces_a_newer_one()
    {
        var customer = _silo.Grains.Customer("acme", "c-4");
        var newer = new CustomerOrderEntry { OrderId = "o-9", Status = "shipped", Total = new Money(10m, "EUR"), OrderVersion = 5 };

        await customer.RecordOrderAsync(newer);
        await customer.RecordOrderAsync(newer with { Status = "approved", OrderVersion = 3 });
        await customer.RecordOrderAsync(newer);

        var snapshot = await customer.GetAsync();
        Assert.Equal("shipped", (await customer.GetOrdersAsync(new PageRequest())).Items.Single().Status);
        Assert.Equal((1, 1L), (snapshot.Lifetime.OrderCount, snapshot.Version));
    }

    [Fact]
    public async Task The_history_pages_newest_first_with_a_cursor()
    {
        var customer = _silo.Grains.Customer("acme", "c-5");
        for (var i = 0; i < 5; i++)
            await customer.RecordOrderAsync(new CustomerOrderEntry
            {
                OrderId = $"o-{i}", Status = "placed", Total = new Money(1m, "EUR"), CreatedAt = DateTimeOffset.UnixEpoch.AddDays(i), OrderVersion = 1,
            });

        var first = await customer.GetOrdersAsync(PageRequest.First(2));
        var second = await customer.GetOrdersAsync(new PageRequest { Limit = 2, Cursor = first.NextCursor });
        var last = await customer.GetOrdersAsync(new PageRequest { Limit = 2, Cursor = second.NextCursor });

        Assert.Equal(["o-4", "o-3", "o-2", "o-1", "o-0"], first.Items.Concat(second.Items).Concat(last.Items).Select(e => e.OrderId));
        Assert.Null(last.NextCursor);
    }
}
