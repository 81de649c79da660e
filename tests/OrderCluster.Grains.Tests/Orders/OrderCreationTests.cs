using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>Creating orders in one call: validation, channels, placing, repeated requests, tenant isolation.</summary>
public sealed class OrderCreationTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DomainTestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Creating_an_order_places_it_and_returns_version_one()
    {
        var order = _silo.Grains.Order("acme", "o-1");

        var result = await order.CreateAsync(TestData.Order());

        var snapshot = await order.GetAsync();
        Assert.Equal(("acme", "o-1", 1L, "approved"), (result.TenantId, result.OrderId, result.Version, result.Status));
        Assert.Equal(new Money(100m, "EUR"), snapshot.Totals.Total);
        Assert.Equal(["l1", "l2", "l3"], snapshot.Lines.Select(l => l.LineId));
        Assert.Equal(ApprovalStatus.NotRequired, snapshot.Approval!.Status);
        var statuses = (await order.GetEventsAsync(0, 100)).OfType<OrderStatusChanged>().Select(e => (e.From, e.To, e.Transition));
        Assert.Equal([(null, "draft", "create"), ("draft", "placed", "place"), ("placed", "approved", "auto-approve")], statuses);
    }

    [Fact]
    public async Task An_order_created_without_placing_stays_a_draft_until_placed()
    {
        var order = _silo.Grains.Order("acme", "o-draft");

        await order.CreateAsync(TestData.Order() with { Place = false });
        var placed = await order.PerformActionAsync(TestData.Action("place", TestData.Clerk));

        Assert.Equal((2L, "approved"), (placed.Version, placed.Status));
    }

    [Fact]
    public async Task Every_invalid_field_is_named_in_one_refusal()
    {
        var command = TestData.Order() with
        {
            Currency = "euro",
            Lines = [TestData.Line("A", 1, 5m), TestData.Line("B", 0, 5m), TestData.Line("", 1, -1m)],
            ShippingAddress = TestData.Address() with { CountryCode = "Germany" },
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _silo.Grains.Order("acme", "o-bad").CreateAsync(command));

        Assert.Equal(DomainErrorKind.Validation, error.Error.Kind);
        Assert.Equal(["currency", "lines[1].quantity", "lines[2].sku", "lines[2].unitPrice", "shippingAddress.countryCode"],
            error.Error.FieldNames.Order());
        await Assert.ThrowsAsync<NotFoundException>(() => _silo.Grains.Order("acme", "o-bad").GetAsync());
    }

    [Fact]
    public async Task A_marketplace_order_names_its_marketplace_and_keeps_its_external_references()
    {
        var missing = TestData.Order() with { Channel = new SalesChannel { Kind = ChannelKind.Marketplace } };
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _silo.Grains.Order("acme", "o-m1").CreateAsync(missing));
        Assert.Equal(["channel.marketplaceName"], error.Error.FieldNames);

        var channel = SalesChannel.Marketplace("Amazon", new ExternalReference("amazon", "302-1234567"), new ExternalReference("erp", "SO-77"));
        await _silo.Grains.Order("acme", "o-m2").CreateAsync(TestData.Order() with { Channel = channel });

        var snapshot = await _silo.Grains.Order("acme", "o-m2").GetAsync();
        Assert.Equal("Amazon", snapshot.Channel.MarketplaceName);
        Assert.Equal([("amazon", "302-1234567"), ("erp", "SO-77")], snapshot.Channel.ExternalReferences.Select(r => (r.System, r.Id)));
    }

    [Theory]
    [InlineData(ChannelKind.Online)]
    [InlineData(ChannelKind.Phone)]
    [InlineData(ChannelKind.InStore)]
    public async Task Orders_come_through_every_channel(ChannelKind kind)
    {
        var order = _silo.Grains.Order("acme", $"o-{kind}");

        await order.CreateAsync(TestData.Order() with { Channel = new SalesChannel { Kind = kind, StoreId = kind == ChannelKind.InStore ? "berlin-1" : null } });

        Assert.Equal(kind, (await order.GetAsync()).Channel.Kind);
    }

    [Fact]
    public async Task Creating_again_returns_the_first_result_for_the_same_request_and_refuses_another()
    {
        var order = _silo.Grains.Order("acme", "o-again");
        var first = await order.CreateAsync(TestData.Order());

        var retry = await order.CreateAsync(TestData.Order() with { Actor = TestData.Clerk });
        var other = await Assert.ThrowsAsync<OrderRuleViolationException>(() => order.CreateAsync(TestData.OrderOf(5m)));

        Assert.Equal(first with { Replayed = true }, retry);
        Assert.Equal((ErrorCodes.OrderAlreadyExists, 1L), (other.Code, other.Error.CurrentVersion));
    }

    [Fact]
    public async Task An_order_of_one_tenant_is_not_found_through_another_tenants_keys()
    {
        await _silo.Grains.Order("tenant-a", "o-1").CreateAsync(TestData.Order("c-shared"));

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _silo.Grains.Order("tenant-b", "o-1").GetAsync());
        var note = await Assert.ThrowsAsync<NotFoundException>(() =>
            _silo.Grains.Order("tenant-b", "o-1").AddNoteAsync(new AddNote { Actor = TestData.Clerk, Text = "hello" }));
        var customerOfB = await Assert.ThrowsAsync<NotFoundException>(() => _silo.Grains.Customer("tenant-b", "c-shared").GetAsync());

        Assert.Equal(ErrorCodes.OrderNotFound, error.Code);
        Assert.Equal(ErrorCodes.OrderNotFound, note.Code);
        Assert.Equal(ErrorCodes.CustomerNotFound, customerOfB.Code);
        Assert.Equal(1, (await _silo.Grains.Customer("tenant-a", "c-shared").GetAsync()).Lifetime.OrderCount);
    }

    [Theory]
    [InlineData("Acme/o-1", "tenantId")]
    [InlineData("acme/-o", "orderId")]
    [InlineData("acme/o 1", "orderId")]
    [InlineData("no-slash", "orderId")]
    public async Task Malformed_keys_are_refused_naming_the_bad_part(string key, string field)
    {
        var order = _silo.Grains.GetGrain<IOrderGrain>(key);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => order.CreateAsync(TestData.Order()));

        Assert.Contains(field, error.Error.FieldNames);
    }

    [Fact]
    public async Task Tags_are_normalized_and_duplicates_collapse()
    {
        var order = _silo.Grains.Order("acme", "o-tags");

        await order.CreateAsync(TestData.Order() with { Tags = ["  VIP  Customer ", "vip-customer", "Rush"] });

        Assert.Equal<string>(["vip-customer", "rush"], (await order.GetAsync()).Tags);
    }

    [Fact]
    public async Task The_workflow_version_the_order_started_with_is_recorded()
    {
        var order = _silo.Grains.Order("acme", "o-wf");

        await order.CreateAsync(TestData.Order());

        Assert.Equal(1, (await order.GetAsync()).WorkflowVersion);
        Assert.Equal(DefaultWorkflowNames.Approved, (await order.GetAsync()).Status);
    }
}
