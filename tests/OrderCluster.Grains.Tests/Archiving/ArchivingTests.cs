using OrderCluster.GrainInterfaces.Archiving;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Archiving;

/// <summary>
/// Archiving by the tenant's rule (here: closed for one hour) on durable timers: archived orders refuse commands,
/// are found in the archive index, and come back when restored. On SQLite the timer also survives a restart.
/// </summary>
public abstract class ArchivingTests : DomainStorageTests
{
    private const string Tenant = "acme";

    private Task<ImmutableArray<ArchivedOrder>> SearchAsync(ArchiveQuery query) => Grains.GetGrain<IOrderArchiveGrain>(Tenant).SearchAsync(query);

    private async Task<DateTimeOffset> ClosedOrderAsync(string orderId)
    {
        await Grains.GetGrain<IArchiveRulesGrain>(Tenant).PublishAsync(new PublishArchiveRules(Admin,
            [new ArchiveRule([GrainInterfaces.Tenants.DefaultWorkflowNames.Closed], TimeSpan.FromHours(1))]));
        await Grains.DeliveredOrderAsync(Tenant, orderId);
        await Grains.Order(Tenant, orderId).PerformActionAsync(Action("close", Manager));
        return Now;
    }

    [Fact]
    public async Task A_closed_order_is_archived_by_its_timer_when_the_rule_period_ends_and_not_before()
    {
        var closedAt = await ClosedOrderAsync("o-1");
        Assert.Contains("archive", await TimersOfAsync("order", $"{Tenant}/o-1"));

        AdvanceTo(closedAt.AddMinutes(59));
        await Task.Delay(300);
        Assert.Null((await Grains.Order(Tenant, "o-1").GetAsync()).ArchivedAt);
        await AdvanceUntilAsync(async () => (await Grains.Order(Tenant, "o-1").GetAsync()).ArchivedAt is not null, "archiving", TimeSpan.FromMinutes(2));

        var order = await Grains.Order(Tenant, "o-1").GetAsync();
        Assert.InRange(order.ArchivedAt!.Value, closedAt.AddHours(1), closedAt.AddHours(1).AddMinutes(2));
        Assert.Contains("closed for 0.04 days", (await Grains.Order(Tenant, "o-1").GetEventsAsync(0, 200)).OfType<OrderArchived>().Single().Rule);
        var refused = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Order(Tenant, "o-1").AddNoteAsync(new AddNote { Actor = Clerk, Text = "hello" }));
        Assert.Equal(FulfilmentErrorCodes.OrderArchived, refused.Code);
        Assert.Equal(["restore"], refused.Error.AllowedActions.ToList());
        Assert.Equal(["o-1"], (await SearchAsync(new ArchiveQuery { CustomerId = "c-1" })).Select(o => o.OrderId).ToList());
    }

    [Fact]
    public async Task Archived_orders_are_searchable_and_restoring_brings_one_back_and_out_of_the_index()
    {
        var closedAt = await ClosedOrderAsync("o-1");
        await Grains.DeliveredOrderAsync(Tenant, "o-2");
        await Grains.Order(Tenant, "o-2").PerformActionAsync(Action("close", Manager));
        await Grains.Order(Tenant, "o-open").CreateAsync(Order());
        AdvanceTo(closedAt.AddMinutes(59));
        await AdvanceUntilAsync(async () => (await SearchAsync(new ArchiveQuery())).Length == 2, "both archived", TimeSpan.FromMinutes(3));

        var byText = await SearchAsync(new ArchiveQuery { Text = "o-2" });
        var byStatus = await SearchAsync(new ArchiveQuery { Status = "closed", CustomerId = "c-1" });
        await Grains.Order(Tenant, "o-1").RestoreAsync(new RestoreOrder { Actor = Manager, Reason = "customer dispute" });
        await Grains.Order(Tenant, "o-1").AddNoteAsync(new AddNote { Actor = Clerk, Text = "dispute opened" });

        Assert.Equal(["o-2"], byText.Select(o => o.OrderId).ToList());
        Assert.Equal(2, byStatus.Length);
        Assert.Equal(["o-2"], (await SearchAsync(new ArchiveQuery())).Select(o => o.OrderId).ToList());
        Assert.Null((await Grains.Order(Tenant, "o-1").GetAsync()).ArchivedAt);
        Assert.Null((await Grains.Order(Tenant, "o-open").GetAsync()).ArchivedAt);
        Assert.Contains("archive", await TimersOfAsync("order", $"{Tenant}/o-1")); // archived again one period after the restore
        var notArchived = await Assert.ThrowsAsync<OrderRuleViolationException>(() =>
            Grains.Order(Tenant, "o-1").RestoreAsync(new RestoreOrder { Actor = Manager, Reason = "again" }));
        Assert.Equal(FulfilmentErrorCodes.OrderNotArchived, notArchived.Code);
    }
}

public sealed class MemoryArchivingTests : ArchivingTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteArchivingTests(SqliteDatabaseFixture sqlite) : ArchivingTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);

    [Fact]
    public async Task The_archive_timer_survives_a_restart_and_fires_late_with_nothing_lost()
    {
        await Grains.GetGrain<IArchiveRulesGrain>("acme").PublishAsync(new PublishArchiveRules(Admin,
            [new ArchiveRule([GrainInterfaces.Tenants.DefaultWorkflowNames.Cancelled], TimeSpan.FromHours(1))]));
        await Grains.Order("acme", "o-1").CreateAsync(Order());
        await Grains.Order("acme", "o-1").PerformActionAsync(Action("cancel", Manager, "duplicate"));
        var cancelledAt = Now;

        await Silo.StopAsync();
        AdvanceTo(cancelledAt.AddHours(2));
        await RestartSiloAsync();
        await AdvanceUntilAsync(async () => (await Grains.Order("acme", "o-1").GetAsync()).ArchivedAt is not null, "late archiving", TimeSpan.FromMinutes(1));

        Assert.Single(await Grains.GetGrain<IOrderArchiveGrain>("acme").SearchAsync(new ArchiveQuery { Text = "o-1" }));
    }
}
