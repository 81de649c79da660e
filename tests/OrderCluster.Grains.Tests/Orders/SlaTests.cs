using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>
/// SLA deadlines with a moved clock: warnings before breaches, breaches at their time with escalation, met deadlines
/// removing their timers, rescheduling on a priority change, compliance figures. Default policy: approve within 2 h
/// (warning at 80 %, 1 h 36 min), ship within 24 h of placing (8 h when high, 4 h when urgent).
/// </summary>
public abstract class SlaTests : DomainStorageTests
{
    private const string Tenant = "acme";

    private IOrderGrain OrderGrain(string id) => Grains.Order(Tenant, id);

    private async Task<SlaDeadline> DeadlineAsync(string id, string kind) => (await OrderGrain(id).GetAsync()).Sla.Last(d => d.Kind == kind);

    [Fact]
    public async Task A_warning_comes_at_80_percent_and_the_breach_at_the_deadline_escalating_the_order()
    {
        var start = Now;
        await OrderGrain("o-1").CreateAsync(OrderOf(12_000m));
        var approval = await DeadlineAsync("o-1", "approval");
        Assert.Equal((start.AddHours(2), start.AddMinutes(96)), (approval.DueAt, approval.WarnAt));

        AdvanceTo(start.AddMinutes(95));
        await Task.Delay(200);
        Assert.Equal(SlaStatus.Pending, (await DeadlineAsync("o-1", "approval")).Status);
        await AdvanceUntilAsync(async () => (await DeadlineAsync("o-1", "approval")).Status == SlaStatus.Warned, "the warning", TimeSpan.FromMinutes(2));
        var warned = await DeadlineAsync("o-1", "approval");

        AdvanceTo(start.AddHours(2).AddSeconds(-5));
        await Task.Delay(200);
        Assert.Equal(SlaStatus.Warned, (await DeadlineAsync("o-1", "approval")).Status);
        await AdvanceUntilAsync(async () => (await DeadlineAsync("o-1", "approval")).Status == SlaStatus.Breached, "the breach", TimeSpan.FromMinutes(1));

        var order = await OrderGrain("o-1").GetAsync();
        var breached = order.Sla.Single(d => d.Kind == "approval");
        Assert.Equal(start.AddMinutes(96), warned.WarnedAt);
        Assert.Equal(start.AddHours(2), breached.BreachedAt);
        Assert.Equal(OrderPriority.High, order.Priority);
        Assert.Equal(start.AddHours(8), order.Sla.Single(d => d.Kind == "shipping").DueAt); // rescheduled for the higher priority
        var events = await OrderGrain("o-1").GetEventsAsync(0, 100);
        var sla = events.Where(e => e is SlaWarningRaised or SlaBreached or PriorityChanged or NotificationRequested).ToList();
        Assert.Equal([typeof(SlaWarningRaised), typeof(SlaBreached), typeof(PriorityChanged), typeof(NotificationRequested)], sla.Select(e => e.GetType()));
        Assert.All(sla, e => Assert.Equal(("system", "sla-timer"), (e.Actor.UserId, e.Action)));
        Assert.Equal(OrderPriority.High, ((SlaBreached)sla[1]).EscalatedTo);
        Assert.Equal(OrderRoles.OrderManager, ((NotificationRequested)sla[3]).AudienceRole);
        var report = await Grains.SlaReport(Tenant).GetAsync();
        Assert.Equal((0, 1, 0m), report.Kinds.Where(k => k.Kind == "approval").Select(k => (k.Met, k.Breached, k.CompliancePercent!.Value)).Single());
    }

    [Fact]
    public async Task A_deadline_met_in_time_removes_its_timers_and_never_warns_or_breaches()
    {
        var start = Now;
        await OrderGrain("o-met").CreateAsync(OrderOf(12_000m));
        Assert.Equal(["sla:approval-2:due", "sla:approval-2:warn", "sla:shipping-1:due", "sla:shipping-1:warn"], await TimersOfAsync("order", $"{Tenant}/o-met"));

        AdvanceTo(start.AddMinutes(30));
        await OrderGrain("o-met").ApproveAsync(new ApproveOrder { Actor = Manager });
        var timers = await TimersOfAsync("order", $"{Tenant}/o-met");
        AdvanceTo(start.AddHours(3));
        await Task.Delay(300);

        var approval = await DeadlineAsync("o-met", "approval");
        Assert.Equal(["sla:shipping-1:due", "sla:shipping-1:warn"], timers);
        Assert.Equal((SlaStatus.Met, start.AddMinutes(30)), (approval.Status, approval.MetAt));
        Assert.Null(approval.WarnedAt);
        Assert.DoesNotContain(await OrderGrain("o-met").GetEventsAsync(0, 100), e => e is SlaWarningRaised or SlaBreached);
        var report = await Grains.SlaReport(Tenant).GetAsync();
        Assert.Equal((1, 0, 100m), report.Kinds.Where(k => k.Kind == "approval").Select(k => (k.Met, k.Breached, k.CompliancePercent!.Value)).Single());
    }

    [Fact]
    public async Task Shipping_in_time_meets_the_shipping_deadline()
    {
        var start = Now;
        var order = OrderGrain("o-ship");
        await order.CreateAsync(Order());
        AdvanceTo(start.AddHours(5));
        foreach (var action in new[] { "allocate", "start-picking", "pack", "ship" }) await order.PerformActionAsync(Action(action, Warehouse));

        var shipping = await DeadlineAsync("o-ship", "shipping");

        Assert.Equal((SlaStatus.Met, start.AddHours(5), start.AddHours(24)), (shipping.Status, shipping.MetAt, shipping.DueAt));
        Assert.Empty(await TimersOfAsync("order", $"{Tenant}/o-ship"));
    }

    [Fact]
    public async Task Changing_the_priority_reschedules_running_deadlines_and_their_timers()
    {
        var start = Now;
        var order = OrderGrain("o-urgent");
        await order.CreateAsync(Order());

        await order.ChangePriorityAsync(new ChangePriority { Actor = Manager, Priority = OrderPriority.Urgent, Reason = "VIP" });

        var shipping = await DeadlineAsync("o-urgent", "shipping");
        Assert.Equal((start.AddHours(4), TimeSpan.FromHours(4)), (shipping.DueAt, shipping.Within));
        var timers = await Silo.Get<OrderCluster.Runtime.Storage.IDurableTimerStore>()
            .ListAsync(new OrderCluster.Runtime.GrainId("order", $"{Tenant}/o-urgent"), CancellationToken.None);
        Assert.Equal(start.AddHours(4), timers.Single(t => t.Name == "sla:shipping-1:due").DueAt);
        Assert.Single(await order.GetEventsAsync(0, 100), e => e is SlaDeadlineRescheduled r && r.PreviousDueAt == start.AddHours(24));
    }

    [Fact]
    public async Task A_tick_before_its_time_changes_nothing_and_leaves_the_timer_in_place()
    {
        var start = Now;
        await OrderGrain("o-early").CreateAsync(OrderOf(12_000m));

        await OrderGrain("o-early").ReceiveTimerAsync(new OrderCluster.Runtime.DurableTimerTick("sla:approval-2:due", start.AddHours(2), Now, null));

        Assert.Equal(SlaStatus.Pending, (await DeadlineAsync("o-early", "approval")).Status);
        Assert.Contains("sla:approval-2:due", await TimersOfAsync("order", $"{Tenant}/o-early"));
        Assert.Equal(1, (await OrderGrain("o-early").GetAsync()).Version);
    }

    [Fact]
    public async Task An_urgent_order_that_breaches_stays_urgent_and_managers_are_notified()
    {
        var start = Now;
        await OrderGrain("o-u").CreateAsync(OrderOf(12_000m) with { Priority = OrderPriority.Urgent });

        AdvanceTo(start.AddMinutes(29));
        await AdvanceUntilAsync(async () => (await DeadlineAsync("o-u", "approval")).Status == SlaStatus.Breached, "the breach", TimeSpan.FromMinutes(2));

        var events = await OrderGrain("o-u").GetEventsAsync(0, 100);
        Assert.Equal(OrderPriority.Urgent, (await OrderGrain("o-u").GetAsync()).Priority);
        Assert.Null(events.OfType<SlaBreached>().Single().EscalatedTo);
        Assert.Single(events.OfType<NotificationRequested>());
        Assert.DoesNotContain(events, e => e is PriorityChanged);
    }
}

public sealed class MemorySlaTests : SlaTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteSlaTests(SqliteDatabaseFixture sqlite) : SlaTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresSlaTests : SlaTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
