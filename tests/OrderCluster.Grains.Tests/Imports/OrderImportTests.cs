using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Imports;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Imports;

/// <summary>
/// Migration import on the order grain: the order keeps the source's id, creation time and status, records where it
/// came from in its audit entry and events, is idempotent per source id, and refuses what a create refuses plus an
/// unknown status; on every storage provider (the state is read back after a restart).
/// </summary>
public abstract class OrderImportTests : DomainStorageTests
{
    private const string Tenant = "acme";
    private static readonly DateTimeOffset SourceCreated = new(2024, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static ImportOrder Import(string sourceId, string status = "shipped") => new()
    {
        Actor = Admin,
        SourceSystem = "shopify",
        SourceId = sourceId,
        Status = status,
        CreatedAt = SourceCreated,
        PlacedAt = SourceCreated.AddMinutes(5),
        Customer = new CustomerRef { CustomerId = "c-legacy", Name = "Jane Doe" },
        Channel = SalesChannel.Online(),
        Currency = "EUR",
        Lines = [Line("SKU-1", 2, 10m), Line("SKU-2", 1, 25.50m)],
        ShippingAddress = Address(),
        Shipping = new ShippingSelection { Method = "standard", Price = 4.50m },
        Tags = ["legacy"],
    };

    [Fact]
    public async Task An_imported_order_keeps_its_id_creation_time_and_status_also_as_read_back_from_storage()
    {
        var result = await Grains.Order(Tenant, "SHOP-1001").ImportAsync(Import("SHOP-1001"));
        if (Storage != TestStorage.Memory) await RestartSiloAsync(); // memory storage does not outlive its silo

        var order = await Grains.Order(Tenant, "SHOP-1001").GetAsync();
        Assert.Equal(("SHOP-1001", 1L, "shipped", false), (result.OrderId, result.Version, result.Status, result.Replayed));
        Assert.Equal(("SHOP-1001", "shipped", SourceCreated), (order.OrderId, order.Status, order.CreatedAt));
        Assert.Equal(("shopify", "SHOP-1001", SourceCreated.AddMinutes(5)), (order.Import!.SourceSystem, order.Import.SourceId, order.Import.PlacedAt!.Value));
        Assert.Equal((new Money(50m, "EUR"), 2), (order.Totals.Total, order.Lines.Length));
        Assert.Equal(["legacy"], order.Tags.AsEnumerable());
        Assert.Empty(order.Sla);
        Assert.Null(order.Approval);
    }

    [Fact]
    public async Task The_import_is_one_audit_entry_naming_the_actor_and_source_and_raises_created_and_status_events()
    {
        var grain = Grains.Order(Tenant, "SHOP-1002");

        await grain.ImportAsync(Import("SHOP-1002", "closed"));

        var audit = (await grain.GetAuditTrailAsync(new PageRequest())).Items.Single();
        var events = await grain.GetEventsAsync(0, 100);
        Assert.Equal(("import", "admin-1"), (audit.Action, audit.Actor.UserId));
        Assert.Contains(audit.Changes, c => c is { Path: "import.sourceSystem", After: "shopify" });
        Assert.Contains(audit.Changes, c => c is { Path: "import.sourceId", After: "SHOP-1002" });
        Assert.Contains(audit.Changes, c => c is { Path: "status", Before: null, After: "closed" });
        var created = Assert.IsType<OrderCreated>(events[0]);
        Assert.Equal(("import", "shopify", new Money(50m, "EUR")), (created.Action, created.Import!.SourceSystem, created.Total));
        var status = Assert.IsType<OrderStatusChanged>(events[1]);
        Assert.Equal(((string?)null, "closed", "import"), (status.From, status.To, status.Transition));
        Assert.Equal(2, events.Length);
    }

    [Fact]
    public async Task Importing_the_same_source_id_again_is_a_no_op_and_other_content_is_a_conflict()
    {
        var grain = Grains.Order(Tenant, "SHOP-1003");
        await grain.ImportAsync(Import("SHOP-1003"));

        var again = await grain.ImportAsync(Import("SHOP-1003") with { Actor = Clerk });
        var changed = await Assert.ThrowsAsync<OrderRuleViolationException>(() => grain.ImportAsync(Import("SHOP-1003") with { Currency = "USD" }));

        var order = await grain.GetAsync();
        Assert.Equal((1L, true), (again.Version, again.Replayed));
        Assert.Equal(ImportErrorCodes.SourceIdConflict, changed.Code);
        Assert.Equal((1L, "EUR"), (order.Version, order.Currency));
    }

    [Fact]
    public async Task An_import_never_replaces_an_order_created_here()
    {
        await Grains.Order(Tenant, "o-native").CreateAsync(Order());

        var error = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Order(Tenant, "o-native").ImportAsync(Import("o-native")));

        Assert.Equal(ImportErrorCodes.SourceIdConflict, error.Code);
        Assert.Null((await Grains.Order(Tenant, "o-native").GetAsync()).Import);
    }

    [Fact]
    public async Task An_unknown_status_a_negative_quantity_and_a_missing_currency_are_named_and_nothing_is_created()
    {
        var command = Import("SHOP-1004", "teleported") with { Currency = "", Lines = [Line("SKU-1", -2, 10m)] };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Grains.Order(Tenant, "SHOP-1004").ImportAsync(command));

        Assert.Subset(error.Error.FieldNames.ToHashSet(), new HashSet<string> { "currency", "lines[0].quantity", "status" });
        Assert.Contains(error.Error.Errors, e => e is { Field: "status", Code: ImportErrorCodes.UnknownStatus });
        await Assert.ThrowsAsync<NotFoundException>(() => Grains.Order(Tenant, "SHOP-1004").GetAsync());
    }

    [Fact]
    public async Task An_imported_order_goes_on_through_the_workflow_from_its_status()
    {
        var grain = Grains.Order(Tenant, "SHOP-1005");
        await grain.ImportAsync(Import("SHOP-1005", "delivered"));

        var closed = await grain.PerformActionAsync(Action("close", Manager));

        Assert.Equal((2L, "closed"), (closed.Version, closed.Status));
    }
}

public sealed class MemoryOrderImportTests : OrderImportTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteOrderImportTests(SqliteDatabaseFixture sqlite) : OrderImportTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresOrderImportTests : OrderImportTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
