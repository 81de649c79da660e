using OrderCluster.GrainInterfaces.Automation;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;
using Op = OrderCluster.GrainInterfaces.Automation.ConditionOperator;

namespace OrderCluster.Grains.Tests.Automation;

/// <summary>
/// Automation rules on the real grains: event and delay triggers, AND/OR conditions, actions through the order's
/// commands, multi-step sequences on durable timers, loop protection, dry runs, the log and the per-rule counts.
/// </summary>
public sealed class AutomationTests : DomainStorageTests
{
    private const string Tenant = "acme";

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        options.Configuration["Notifications:Directory"] = Path.Combine(Path.GetTempPath(), $"oc-automation-{Guid.NewGuid():N}");
    }

    [Fact]
    public async Task Order_events_send_the_notification_templates_of_their_type_without_any_rule()
    {
        await Grains.GetGrain<GrainInterfaces.Notifications.INotificationTemplatesGrain>(Tenant).PublishAsync(new GrainInterfaces.Notifications.PublishNotificationTemplates(Admin,
        [
            new GrainInterfaces.Notifications.NotificationTemplate
            {
                TemplateId = "shipped-hook", EventType = OrderEventTypes.StatusChanged, When = "shipped", Channel = GrainInterfaces.Notifications.NotificationChannel.Webhook,
                Recipient = "https://hooks.example.com/orders", Body = "{\"order\":\"{{order.id}}\",\"tracking\":\"{{shipment.tracking}}\"}",
            },
        ]));

        await Grains.DeliveredOrderAsync(Tenant, "o-1", deliver: false);
        var outbox = Grains.GetGrain<GrainInterfaces.Notifications.INotificationOutboxGrain>(TenantKeys.For(Tenant, "o-1"));
        await AdvanceUntilAsync(async () => !(await outbox.GetHistoryAsync()).IsEmpty, "the notification", TimeSpan.FromMinutes(1));
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(200);

        var sent = (await outbox.GetHistoryAsync()).Single(); // one status change reached "shipped"
        Assert.Equal((GrainInterfaces.Notifications.NotificationStatus.Sent, "{\"order\":\"o-1\",\"tracking\":\"TRK-1\"}"), (sent.Status, sent.Body));
        var shippedEvent = (await Grains.Order(Tenant, "o-1").GetEventsAsync(0, 200)).OfType<OrderStatusChanged>().Single(e => e.To == "shipped");
        Assert.Equal($"event-{shippedEvent.Sequence}", sent.EventId);
    }

    private Task PublishAsync(params AutomationRule[] rules) =>
        Grains.GetGrain<IAutomationRulesGrain>(Tenant).PublishAsync(new PublishAutomationRules(Admin, [.. rules]));

    private Task<ImmutableArray<AutomationLogEntry>> LogAsync(string orderId) =>
        Grains.GetGrain<IOrderAutomationGrain>(TenantKeys.For(Tenant, orderId)).GetLogAsync();

    private async Task<long> CountAsync(string ruleId, string outcome) =>
        (await Grains.GetGrain<IAutomationStatsGrain>(Tenant).GetAsync()).FirstOrDefault(s => s.RuleId == ruleId)?.Outcomes.GetValueOrDefault(outcome) ?? 0;

    private static AutomationRule Rule(string id, string eventType, AutomationCondition? when, params AutomationAction[] steps) => new()
    {
        RuleId = id, Name = id, Trigger = new AutomationTrigger(eventType), Condition = when, Steps = [.. steps],
    };

    [Fact]
    public async Task An_event_rule_with_and_or_conditions_acts_on_matching_orders_only_and_logs_both()
    {
        await PublishAsync(Rule("vip", OrderEventTypes.OrderCreated,
            new AutomationCondition
            {
                AllOf = [AutomationCondition.Is("order.total", Op.GreaterThan, "50")],
                AnyOf = [AutomationCondition.Is("order.channel", Op.Equals, "marketplace"), AutomationCondition.Is("customer.id", Op.Equals, "c-vip")],
            },
            new AutomationAction(AutomationActionKind.SetPriority, "high"), new AutomationAction(AutomationActionKind.AddTag, "vip")));

        await Grains.Order(Tenant, "o-vip").CreateAsync(Order("c-vip"));
        await Grains.Order(Tenant, "o-small").CreateAsync(OrderOf(20m, "c-vip"));
        await Grains.Order(Tenant, "o-other").CreateAsync(Order("c-2"));
        await AdvanceUntilAsync(async () => (await LogAsync("o-vip")).Length == 2 && (await LogAsync("o-small")).Length == 1 && (await LogAsync("o-other")).Length == 1,
            "the rule's runs", TimeSpan.FromMinutes(1));

        var vip = await Grains.Order(Tenant, "o-vip").GetAsync();
        Assert.Equal((OrderPriority.High, true), (vip.Priority, vip.Tags.Contains("vip")));
        Assert.Equal(OrderPriority.Normal, (await Grains.Order(Tenant, "o-small").GetAsync()).Priority);
        Assert.Equal(["executed", "executed"], (await LogAsync("o-vip")).Select(l => l.Outcome));
        Assert.Equal(AutomationOutcomes.ConditionFalse, (await LogAsync("o-other")).Single().Outcome);
        var audit = (await Grains.Order(Tenant, "o-vip").GetAuditTrailAsync(PageRequest.First(1))).Items.Single();
        Assert.Equal("automation:vip", audit.Actor.UserId);
        Assert.Equal((2L, 2L), (await CountAsync("vip", AutomationOutcomes.Executed), await CountAsync("vip", AutomationOutcomes.ConditionFalse)));
    }

    [Fact]
    public async Task A_multi_step_sequence_waits_on_a_durable_timer_between_steps()
    {
        await PublishAsync(Rule("follow-up", OrderEventTypes.StatusChanged, AutomationCondition.Is("event.to", Op.Equals, "approved"),
            new AutomationAction(AutomationActionKind.AddTag, "welcomed"),
            new AutomationAction(AutomationActionKind.Assign, "sam", TimeSpan.FromHours(1))));
        var start = Now;

        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        // Waits for the second step's run to be scheduled too: its due time is taken after the first step's tag lands,
        // so moving the clock as soon as the tag shows would push that due time an hour past the jump below.
        await AdvanceUntilAsync(async () => (await Grains.Order(Tenant, "o-1").GetAsync()).Tags.Contains("welcomed")
                                            && (await LogAsync("o-1")).Any(l => l.Outcome == AutomationOutcomes.Scheduled), "the first step", TimeSpan.FromMinutes(1));
        var afterFirst = await Grains.Order(Tenant, "o-1").GetAsync();
        AdvanceTo(start.AddMinutes(59));
        await Task.Delay(200);
        var beforeDelay = await Grains.Order(Tenant, "o-1").GetAsync();
        await AdvanceUntilAsync(async () => (await Grains.Order(Tenant, "o-1").GetAsync()).Assignee == "sam", "the delayed step", TimeSpan.FromMinutes(3));

        Assert.Null(afterFirst.Assignee);
        Assert.Null(beforeDelay.Assignee);
        Assert.Equal(["condition-false", "condition-false", "executed", "scheduled", "executed"], (await LogAsync("o-1")).Select(l => l.Outcome)); // placed, then approved
    }

    [Fact]
    public async Task A_delay_trigger_checks_its_condition_when_the_delay_is_over()
    {
        await PublishAsync(Rule("stuck", OrderEventTypes.OrderCreated, AutomationCondition.Is("order.status", Op.Equals, "pending-approval"),
            new AutomationAction(AutomationActionKind.SetPriority, "urgent")) with { Trigger = new AutomationTrigger(OrderEventTypes.OrderCreated, TimeSpan.FromHours(1)) });
        var start = Now;
        await Grains.Order(Tenant, "o-stuck").CreateAsync(OrderOf(12_000m));
        await Grains.Order(Tenant, "o-approved").CreateAsync(OrderOf(12_000m));
        await Grains.Order(Tenant, "o-approved").ApproveAsync(new ApproveOrder { Actor = Manager });

        AdvanceTo(start.AddMinutes(59));
        await AdvanceUntilAsync(async () => (await LogAsync("o-approved")).Any(l => l.Outcome == AutomationOutcomes.ConditionFalse)
                                            && (await Grains.Order(Tenant, "o-stuck").GetAsync()).Priority == OrderPriority.Urgent, "the delayed check", TimeSpan.FromMinutes(3));

        Assert.Equal(OrderPriority.Normal, (await Grains.Order(Tenant, "o-approved").GetAsync()).Priority);
        Assert.Equal(["scheduled", "executed"], (await LogAsync("o-stuck")).Select(l => l.Outcome));
    }

    [Fact]
    public async Task Two_rules_that_trigger_each_other_stop_at_their_run_limit()
    {
        await PublishAsync(
            Rule("ping", OrderEventTypes.TagsChanged, AutomationCondition.Is("order.tags", Op.Contains, "ping"),
                new AutomationAction(AutomationActionKind.RemoveTag, "ping"), new AutomationAction(AutomationActionKind.AddTag, "pong")),
            Rule("pong", OrderEventTypes.TagsChanged, AutomationCondition.Is("order.tags", Op.Contains, "pong"),
                new AutomationAction(AutomationActionKind.RemoveTag, "pong"), new AutomationAction(AutomationActionKind.AddTag, "ping")));

        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await Grains.Order(Tenant, "o-1").ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = ["ping"] });
        // Stopped means a run was refused as a loop and nothing was logged for a second of real time while the clock
        // kept moving (stream polls follow the clock; on a loaded machine a delivery can take longer than many polls).
        var previous = -1;
        var unchangedSince = DateTime.UtcNow;
        await AdvanceUntilAsync(async () =>
        {
            var entries = await LogAsync("o-1");
            if (entries.Length != previous) (previous, unchangedSince) = (entries.Length, DateTime.UtcNow);
            return entries.Any(l => l.Outcome == AutomationOutcomes.SkippedLoop) && DateTime.UtcNow - unchangedSince >= TimeSpan.FromSeconds(1);
        }, "the loop to be stopped", TimeSpan.FromHours(1));
        var log = await LogAsync("o-1");
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        // How far the ping-pong gets depends on how events batch per tick; the limit and the stop do not.
        Assert.InRange(log.Count(l => l.RuleId == "ping" && l.Outcome == AutomationOutcomes.Executed && l.Step == 0), 1, 3);
        Assert.InRange(log.Count(l => l.RuleId == "pong" && l.Outcome == AutomationOutcomes.Executed && l.Step == 0), 1, 3);
        Assert.Contains(log, l => l.Outcome == AutomationOutcomes.SkippedLoop && l.Detail.Contains("own action"));
        Assert.Equal(log.Length, (await LogAsync("o-1")).Length); // it stopped
        Assert.True(await CountAsync("ping", AutomationOutcomes.SkippedLoop) >= 1);
    }

    [Fact]
    public async Task A_dry_run_logs_what_it_would_do_and_changes_nothing()
    {
        await PublishAsync(Rule("trial", OrderEventTypes.OrderCreated, null,
            new AutomationAction(AutomationActionKind.SetPriority, "urgent"), new AutomationAction(AutomationActionKind.Transition, "hold")) with { DryRun = true });

        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await AdvanceUntilAsync(async () => (await LogAsync("o-1")).Length == 2, "the dry run", TimeSpan.FromMinutes(1));

        var order = await Grains.Order(Tenant, "o-1").GetAsync();
        Assert.Equal((OrderPriority.Normal, "approved", 1L), (order.Priority, order.Status, order.Version));
        Assert.Equal(["would SetPriority urgent", "would Transition hold"], (await LogAsync("o-1")).Select(l => l.Detail));
        Assert.Equal(2, await CountAsync("trial", AutomationOutcomes.DryRun));
    }

    [Fact]
    public async Task Invalid_rules_are_refused_naming_the_fields()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => PublishAsync(
            Rule("bad", OrderEventTypes.OrderCreated, null, new AutomationAction(AutomationActionKind.SetPriority, "asap")),
            Rule("empty", OrderEventTypes.OrderCreated, null)));

        Assert.Equal(["rules[0].steps[0].value", "rules[1].steps"], e.Error.FieldNames.ToList());
    }
}
