using OrderCluster.GrainInterfaces.Automation;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Webhooks;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Grains.Tests.Webhooks;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;
using Op = OrderCluster.GrainInterfaces.Automation.ConditionOperator;

namespace OrderCluster.Grains.Tests.Automation;

/// <summary>
/// Automation actions that act through the order's own features: "assign" sets the order's assignee, "require approval"
/// starts a real approval round (approved by a person, refused when the order is past approval), and "call a webhook"
/// raises an <c>automation.webhook</c> order event that the tenant's webhook subscriptions receive, signed.
/// </summary>
public sealed class AutomationOrderActionTests : DomainStorageTests, IAsyncLifetime
{
    private const string Tenant = "acme";
    private WebhookReceiver _receiver = null!;

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        options.Configuration["Notifications:Directory"] = Path.Combine(Path.GetTempPath(), $"oc-automation-{Guid.NewGuid():N}");
        options.Configuration["Webhooks:AllowHttp"] = "true";
        options.Configuration["Webhooks:AllowLoopback"] = "true"; // the receiver is on 127.0.0.1
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private Task PublishAsync(params AutomationRule[] rules) =>
        Grains.GetGrain<IAutomationRulesGrain>(Tenant).PublishAsync(new PublishAutomationRules(Admin, [.. rules]));

    private Task<ImmutableArray<AutomationLogEntry>> LogAsync(string orderId) =>
        Grains.GetGrain<IOrderAutomationGrain>(TenantKeys.For(Tenant, orderId)).GetLogAsync();

    private static AutomationRule Rule(string id, string eventType, AutomationCondition? when, params AutomationAction[] steps) => new()
    {
        RuleId = id, Name = id, Trigger = new AutomationTrigger(eventType), Condition = when, Steps = [.. steps],
    };

    [Fact]
    public async Task The_assign_action_sets_the_orders_assignee_through_the_assign_command()
    {
        await PublishAsync(Rule("route-phone", OrderEventTypes.OrderCreated, AutomationCondition.Is("order.channel", Op.Equals, "phone"),
            new AutomationAction(AutomationActionKind.Assign, "phone-desk")));

        await Grains.Order(Tenant, "o-1").CreateAsync(Order() with { Channel = SalesChannel.Phone() });
        await AdvanceUntilAsync(async () => (await Grains.Order(Tenant, "o-1").GetAsync()).Assignee is not null, "the assignment", TimeSpan.FromMinutes(1));

        var assigned = (await Grains.Order(Tenant, "o-1").GetEventsAsync(0, 100)).OfType<OrderAssigned>().Single();
        Assert.Equal(("phone-desk", "automation:route-phone", "assign"), (assigned.To, assigned.Actor.UserId, assigned.Action));
        Assert.DoesNotContain((await Grains.Order(Tenant, "o-1").GetAsync()).Tags, t => t.StartsWith("assigned:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Require_approval_holds_the_order_in_a_real_approval_round_until_a_person_approves_it()
    {
        await PublishAsync(Rule("new-customer", OrderEventTypes.OrderCreated, AutomationCondition.Is("customer.id", Op.Equals, "c-new"),
            new AutomationAction(AutomationActionKind.RequireApproval, "first order of a new customer")));

        await Grains.Order(Tenant, "o-1").CreateAsync(Order("c-new"));
        await AdvanceUntilAsync(async () => (await Grains.Order(Tenant, "o-1").GetAsync()).Status == "pending-approval", "the approval round", TimeSpan.FromMinutes(1));
        var pending = await Grains.Order(Tenant, "o-1").GetAsync();
        var allocate = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Order(Tenant, "o-1").PerformActionAsync(Action("allocate", Warehouse)));
        var approved = await Grains.Order(Tenant, "o-1").ApproveAsync(new ApproveOrder { Actor = Manager, Comment = "checked" });

        Assert.Equal(ApprovalStatus.Pending, pending.Approval!.Status);
        Assert.Equal(["require-approval"], pending.Approval.MatchedRules.AsEnumerable());
        Assert.Contains("first order of a new customer", pending.Approval.Reasons.Single());
        Assert.Equal(ErrorCodes.TransitionNotAllowed, allocate.Code); // it cannot proceed while approval is pending
        Assert.Equal("approved", approved.Status);
        var requested = (await Grains.Order(Tenant, "o-1").GetEventsAsync(0, 100)).OfType<ApprovalRequested>().Single();
        Assert.Equal("automation:new-customer", requested.Actor.UserId);
        var timeline = (await Grains.Order(Tenant, "o-1").GetTimelineAsync(new PageRequest { Order = SortOrder.OldestFirst, Limit = 100 })).Items;
        Assert.Contains(timeline, t => t.Category == TimelineCategory.Approval && t.Title.StartsWith("Approval requested", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Require_approval_on_an_order_past_approval_fails_with_the_reason_and_leaves_the_order_alone()
    {
        await PublishAsync(Rule("late-check", OrderEventTypes.StatusChanged, AutomationCondition.Is("event.to", Op.Equals, "allocated"),
            new AutomationAction(AutomationActionKind.RequireApproval, "too late")));

        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await Grains.Order(Tenant, "o-1").PerformActionAsync(Action("allocate", Warehouse));
        await AdvanceUntilAsync(async () => (await LogAsync("o-1")).Any(l => l.Outcome == AutomationOutcomes.Failed), "the failed step", TimeSpan.FromMinutes(1));

        var failed = (await LogAsync("o-1")).Single(l => l.Outcome == AutomationOutcomes.Failed);
        Assert.Contains("not allocated", failed.Detail);
        Assert.Equal("allocated", (await Grains.Order(Tenant, "o-1").GetAsync()).Status);
    }

    [Fact]
    public async Task The_webhook_action_reaches_the_tenants_webhook_subscriptions_as_a_signed_automation_webhook_event()
    {
        var issued = await Grains.GetGrain<IWebhookSubscriptionsGrain>(Tenant).CreateAsync(new CreateWebhook
        {
            Actor = Admin, Url = _receiver.Url, EventTypes = [OrderEventTypes.AutomationWebhook],
        });
        await PublishAsync(Rule("erp", OrderEventTypes.OrderCreated, null, new AutomationAction(AutomationActionKind.Webhook, "erp-sync")));

        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await AdvanceUntilAsync(async () => (await Grains.GetGrain<IWebhookDeliveryGrain>($"{Tenant}/{issued.Subscription.SubscriptionId}")
            .GetDeliveriesAsync(new WebhookDeliveryQuery())) is [{ Status: WebhookDeliveryStatus.Succeeded }], "the delivery", TimeSpan.FromMinutes(5));

        var received = Assert.Single(_receiver.Received);
        Assert.Equal(OrderEventTypes.AutomationWebhook, received.EventType);
        Assert.Contains("erp-sync", received.Body);
        Assert.True(Webhooks.WebhookSignatures.SignedBy(received.Signature!, issued.Secret, received.Body));
        var e = (await Grains.Order(Tenant, "o-1").GetEventsAsync(0, 100)).OfType<AutomationWebhookRequested>().Single();
        Assert.Equal(("erp-sync", OrderEventTypes.OrderCreated, 1L), (e.Topic, e.TriggerEventType, e.TriggerSequence));
    }
}
