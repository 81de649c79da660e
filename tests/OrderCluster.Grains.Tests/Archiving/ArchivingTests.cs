using OrderCluster.GrainInterfaces.Archiving;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Search;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Archiving;

/// <summary>
/// Archiving by the tenant's rule (here: closed for one hour) on durable timers: archived orders refuse commands,
/// are found by the archive search of the order search read model (once its projection caught up), and come back when
/// restored. On SQLite the timer also survives a restart.
/// </summary>
public abstract class ArchivingTests : DomainStorageTests
{
    private const string Tenant = "acme";

    /// <summary>The archive search as <c>GET /archive</c> asks it: archived rows, most recently archived first.</summary>
    protected async Task<List<string>> ArchivedAsync(string? customerId = null, string? status = null, string? text = null, string tenant = Tenant) =>
        [.. (await Silo.Get<IOrderSearchStore>().SearchAsync(tenant, new OrderSearchQuery
        {
            Archived = true, Sort = OrderSearchSort.RecentlyArchived, CustomerId = customerId, Status = status, Text = text,
        }, CancellationToken.None)).Select(r => r.OrderId)];

    /// <summary>Waits (moving the clock a timer poll at a time, minutes at most) until the archive search finds exactly <paramref name="expected"/>.</summary>
    protected Task ArchiveListsAsync(params string[] expected) =>
        AdvanceUntilAsync(async () => (await ArchivedAsync()).SequenceEqual(expected), $"the archive search lists [{string.Join(", ", expected)}]", TimeSpan.FromMinutes(5));

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
        await ArchiveListsAsync("o-1");
        Assert.Equal(order.ArchivedAt, (await Silo.Get<IOrderSearchStore>().FindAsync(Tenant, "o-1", CancellationToken.None))!.ArchivedAt);
        Assert.Equal(["o-1"], await ArchivedAsync(customerId: "c-1"));
        Assert.Empty(await ArchivedAsync(customerId: "c-2"));
    }

    [Fact]
    public async Task Archived_orders_are_searchable_and_restoring_brings_one_back_and_out_of_the_archive_search()
    {
        var closedAt = await ClosedOrderAsync("o-1");
        await Grains.DeliveredOrderAsync(Tenant, "o-late");
        await Grains.Order(Tenant, "o-late").PerformActionAsync(Action("close", Manager));
        await Grains.Order(Tenant, "o-open").CreateAsync(Order());
        AdvanceTo(closedAt.AddMinutes(59));
        await AdvanceUntilAsync(async () => (await ArchivedAsync()).Count == 2, "both archived and projected", TimeSpan.FromMinutes(3));

        var byText = await ArchivedAsync(text: "late");
        var byStatus = await ArchivedAsync(status: "closed", customerId: "c-1");
        await Grains.Order(Tenant, "o-1").RestoreAsync(new RestoreOrder { Actor = Manager, Reason = "customer dispute" });
        await Grains.Order(Tenant, "o-1").AddNoteAsync(new AddNote { Actor = Clerk, Text = "dispute opened" });
        await ArchiveListsAsync("o-late");

        Assert.Equal(["o-late"], byText);
        Assert.Equal(2, byStatus.Count);
        var live = await Silo.Get<IOrderSearchStore>().SearchAsync(Tenant, new OrderSearchQuery(), CancellationToken.None);
        Assert.Equal(["o-1", "o-open"], live.Select(r => r.OrderId).Order(StringComparer.Ordinal));
        Assert.Null(live.Single(r => r.OrderId == "o-1").ArchivedAt);
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

        await ArchiveListsAsync("o-1");
    }
}
