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

    [Fact]
    public async Task Archiving_a_closed_order_by_hand_archives_it_with_event_and_audit_and_removes_the_rule_timer()
    {
        await ClosedOrderAsync("o-1");
        var order = Grains.Order(Tenant, "o-1");
        var before = await order.GetAsync();
        Assert.Contains("archive", await TimersOfAsync("order", $"{Tenant}/o-1"));

        var result = await order.ArchiveAsync(new ArchiveOrder { Actor = Manager, ExpectedVersion = before.Version, IdempotencyKey = "arch-1", Reason = " customer left " });
        var replayed = await order.ArchiveAsync(new ArchiveOrder { Actor = Manager, ExpectedVersion = before.Version, IdempotencyKey = "arch-1", Reason = " customer left " });

        var archived = await order.GetAsync();
        Assert.Equal(before.Version + 1, result.Version);
        Assert.Equal((result.Version, true), (replayed.Version, replayed.Replayed));
        Assert.Equal(Now, archived.ArchivedAt);
        Assert.Equal("archived by hand by manager-1 in closed: customer left", (await order.GetEventsAsync(0, 200)).OfType<OrderArchived>().Single().Rule);
        var audit = (await order.GetAuditTrailAsync(PageRequest.First(1))).Items.Single();
        Assert.Equal(("archive", "manager-1"), (audit.Action, audit.Actor.UserId));
        Assert.DoesNotContain("archive", await TimersOfAsync("order", $"{Tenant}/o-1"));
        await ArchiveListsAsync("o-1");
    }

    [Fact]
    public async Task An_order_not_in_a_final_state_or_already_archived_is_refused_with_the_reason()
    {
        await Grains.Order(Tenant, "o-open").CreateAsync(Order());
        await Grains.Order(Tenant, "o-gone").CreateAsync(Order());
        await Grains.Order(Tenant, "o-gone").PerformActionAsync(Action("cancel", Manager, "duplicate"));
        await Grains.Order(Tenant, "o-gone").ArchiveAsync(new ArchiveOrder { Actor = Manager });

        var open = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Order(Tenant, "o-open").ArchiveAsync(new ArchiveOrder { Actor = Manager }));
        var twice = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Order(Tenant, "o-gone").ArchiveAsync(new ArchiveOrder { Actor = Manager, Reason = "again" }));

        Assert.Equal(FulfilmentErrorCodes.OrderNotArchivable, open.Code);
        Assert.Contains("only an order in a final state (closed, cancelled)", open.Message);
        Assert.Null((await Grains.Order(Tenant, "o-open").GetAsync()).ArchivedAt);
        Assert.Equal(FulfilmentErrorCodes.OrderArchived, twice.Code);
        Assert.Contains("already archived", twice.Message);
        Assert.Single((await Grains.Order(Tenant, "o-gone").GetEventsAsync(0, 200)).OfType<OrderArchived>());
    }

    [Fact]
    public async Task An_order_archived_by_hand_is_restored_and_takes_commands_again()
    {
        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await Grains.Order(Tenant, "o-1").PerformActionAsync(Action("cancel", Manager, "duplicate"));
        await Grains.Order(Tenant, "o-1").ArchiveAsync(new ArchiveOrder { Actor = Manager });
        var refused = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Order(Tenant, "o-1").AddNoteAsync(new AddNote { Actor = Clerk, Text = "hello" }));

        await Grains.Order(Tenant, "o-1").RestoreAsync(new RestoreOrder { Actor = Manager, Reason = "archived by mistake" });
        await Grains.Order(Tenant, "o-1").AddNoteAsync(new AddNote { Actor = Clerk, Text = "back" });

        Assert.Equal(FulfilmentErrorCodes.OrderArchived, refused.Code);
        Assert.Null((await Grains.Order(Tenant, "o-1").GetAsync()).ArchivedAt);
        Assert.Single((await Grains.Order(Tenant, "o-1").GetEventsAsync(0, 200)).OfType<OrderRestored>());
    }

    [Fact]
    public async Task An_archive_and_a_command_at_the_same_version_at_once_have_one_winner()
    {
        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await Grains.Order(Tenant, "o-1").PerformActionAsync(Action("cancel", Manager, "duplicate"));
        var version = (await Grains.Order(Tenant, "o-1").GetAsync()).Version;

        var archive = Grains.Order(Tenant, "o-1").ArchiveAsync(new ArchiveOrder { Actor = Manager, ExpectedVersion = version });
        var note = Grains.Order(Tenant, "o-1").AddNoteAsync(new AddNote { Actor = Clerk, Text = "late note", ExpectedVersion = version });
        var outcomes = await Task.WhenAll(Outcome(archive), Outcome(note));

        var order = await Grains.Order(Tenant, "o-1").GetAsync();
        // archive first: the note finds the order archived; note first: the archive finds the version moved on
        Assert.Equal(outcomes[0] is null ? [null, FulfilmentErrorCodes.OrderArchived] : new[] { ErrorCodes.VersionConflict, null }, outcomes);
        Assert.Equal(version + 1, order.Version);
        Assert.Equal(outcomes[0] is null, order.ArchivedAt is not null);
        Assert.Equal(outcomes[1] is null, (await Grains.Order(Tenant, "o-1").GetNotesAsync(PageRequest.First(10))).Items.Any(n => n.Text == "late note"));

        static async Task<string?> Outcome(Task<OrderCommandResult> command)
        {
            try
            {
                await command;
                return null;
            }
            catch (DomainException e)
            {
                return e.Code;
            }
        }
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
