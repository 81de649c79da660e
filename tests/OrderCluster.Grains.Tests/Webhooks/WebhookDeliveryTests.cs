using System.Text.Json;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Webhooks;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Grains.Webhooks;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Webhooks;

/// <summary>
/// Webhooks end to end on a silo with a manual clock and a real HTTP receiver on loopback: order events reach the
/// subscription through the order streams, are signed, retried with back-off on the durable timer, logged per attempt,
/// replayed on request, and a subscription that keeps failing is disabled.
/// Settings: 4 attempts per delivery (30 s, 60 s, 120 s apart); disabled after 5 consecutive failures spanning 1 h.
/// </summary>
public abstract class WebhookDeliveryTests : DomainStorageTests, IAsyncLifetime
{
    private const string Tenant = "acme";
    private WebhookReceiver _receiver = null!;

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        options.Configuration["Webhooks:AllowHttp"] = "true";
        options.Configuration["Webhooks:AllowLoopback"] = "true"; // the receiver is on 127.0.0.1
        options.Configuration["Webhooks:MaxAttempts"] = "4";
        options.Configuration["Webhooks:RetryBaseDelay"] = "00:00:30";
        options.Configuration["Webhooks:DisableAfterConsecutiveFailures"] = "5";
        options.Configuration["Webhooks:DisableAfterFailingFor"] = "01:00:00";
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

    private IWebhookSubscriptionsGrain Subscriptions(string tenant = Tenant) => Grains.GetGrain<IWebhookSubscriptionsGrain>(tenant);

    private IWebhookDeliveryGrain Deliveries(string subscriptionId) => Grains.GetGrain<IWebhookDeliveryGrain>($"{Tenant}/{subscriptionId}");

    private Task<WebhookSecretIssued> SubscribeAsync(params string[] eventTypes) =>
        Subscriptions().CreateAsync(new CreateWebhook { Actor = Admin, Url = _receiver.Url, EventTypes = [.. eventTypes] });

    private async Task<string> CreateOrderAsync()
    {
        var orderId = $"o-{Guid.NewGuid():N}"[..14];
        await Grains.GetGrain<IOrderGrain>($"{Tenant}/{orderId}").CreateAsync(Order());
        return orderId;
    }

    private async Task<ImmutableArray<WebhookDelivery>> LogAsync(string subscriptionId) =>
        await Deliveries(subscriptionId).GetDeliveriesAsync(new WebhookDeliveryQuery());

    private Task UntilAsync(Func<Task<bool>> condition, string what, int minutes = 30) => AdvanceUntilAsync(condition, what, TimeSpan.FromMinutes(minutes));

    [Fact]
    public async Task A_subscribed_event_is_delivered_once_with_a_signature_the_secret_verifies_and_other_types_are_not_sent()
    {
        var issued = await SubscribeAsync(OrderEventTypes.OrderCreated);
        var orderId = await CreateOrderAsync();

        await UntilAsync(async () => (await LogAsync(issued.Subscription.SubscriptionId)) is [{ Status: WebhookDeliveryStatus.Succeeded }], "the delivery succeeds");

        var received = Assert.Single(_receiver.Received);
        Assert.True(WebhookSignatures.SignedBy(received.Signature!, issued.Secret, received.Body), $"signature {received.Signature} does not verify");
        Assert.False(WebhookSignatures.SignedBy(received.Signature!, "whsec_wrong", received.Body));
        Assert.InRange(WebhookSignatures.Parse(received.Signature!).Timestamp, Now.ToUnixTimeSeconds() - 60, Now.ToUnixTimeSeconds());
        using var body = JsonDocument.Parse(received.Body);
        var root = body.RootElement;
        var delivery = Assert.Single(await LogAsync(issued.Subscription.SubscriptionId));
        Assert.Equal(delivery.DeliveryId, root.GetProperty("deliveryId").GetString());
        Assert.Equal(delivery.DeliveryId, received.DeliveryId);
        Assert.Equal(OrderEventTypes.OrderCreated, root.GetProperty("type").GetString());
        Assert.Equal(OrderEventTypes.OrderCreated, received.EventType);
        Assert.Equal(orderId, root.GetProperty("orderId").GetString());
        Assert.Equal(1, root.GetProperty("sequence").GetInt64());
        Assert.Equal(delivery.OccurredAt, root.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(orderId, root.GetProperty("data").GetProperty("orderId").GetString());
        Assert.Equal("c-1", root.GetProperty("data").GetProperty("customerId").GetString());
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal((1, WebhookAttemptTrigger.Initial, 200, true), (attempt.Number, attempt.Trigger, attempt.StatusCode, attempt.Succeeded));
        // The order raised more events than its creation (status, SLA): none of them was sent.
        var events = await Grains.GetGrain<IOrderGrain>($"{Tenant}/{orderId}").GetEventsAsync(0, 100);
        Assert.True(events.Length > 1, "the order raises other events too");
    }

    [Fact]
    public async Task A_receiver_failing_the_first_attempts_is_retried_with_doubling_delays_until_it_succeeds_and_the_log_shows_each_attempt()
    {
        _receiver.Respond = n => n <= 2 ? 500 : 200;
        var issued = await SubscribeAsync(OrderEventTypes.OrderCreated);
        await CreateOrderAsync();

        await UntilAsync(async () => (await LogAsync(issued.Subscription.SubscriptionId)) is [{ Status: WebhookDeliveryStatus.Succeeded }], "the third attempt succeeds");

        var delivery = Assert.Single(await LogAsync(issued.Subscription.SubscriptionId));
        Assert.Equal([500, 500, 200], delivery.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal([WebhookAttemptTrigger.Initial, WebhookAttemptTrigger.Retry, WebhookAttemptTrigger.Retry], delivery.Attempts.Select(a => a.Trigger));
        Assert.Equal([false, false, true], delivery.Attempts.Select(a => a.Succeeded));
        Assert.Contains("HTTP 500", delivery.Attempts[0].Error);
        var gaps = delivery.Attempts.Zip(delivery.Attempts.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.InRange(gaps[0], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(32));
        Assert.InRange(gaps[1], TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(62));
        Assert.Equal(3, _receiver.Received.Count);
        Assert.All(_receiver.Received, r => Assert.Equal(delivery.DeliveryId, r.DeliveryId));
        Assert.All(_receiver.Received, r => Assert.Equal(delivery.Body, r.Body));
        Assert.All(_receiver.Received, r => Assert.True(WebhookSignatures.SignedBy(r.Signature!, issued.Secret, r.Body)));
        Assert.Empty(await TimersOfAsync("webhook-delivery", $"{Tenant}/{issued.Subscription.SubscriptionId}"));
    }

    [Fact]
    public async Task During_the_rotation_overlap_deliveries_carry_signatures_of_both_secrets_and_after_it_only_the_new_one()
    {
        var created = await SubscribeAsync(OrderEventTypes.OrderCreated);
        var id = created.Subscription.SubscriptionId;
        var rotated = await Subscriptions().RotateSecretAsync(new RotateWebhookSecret(Admin, id, TimeSpan.FromHours(1)));
        Assert.NotEqual(created.Secret, rotated.Secret);
        Assert.Equal(Now + TimeSpan.FromHours(1), rotated.Subscription.PreviousSecretExpiresAt);

        await CreateOrderAsync();
        await UntilAsync(async () => (await LogAsync(id)).Count(d => d.Status == WebhookDeliveryStatus.Succeeded) == 1, "the delivery during the overlap");
        var during = Assert.Single(_receiver.Received);
        Assert.Equal(2, WebhookSignatures.Parse(during.Signature!).V1.Count);
        Assert.True(WebhookSignatures.SignedBy(during.Signature!, rotated.Secret, during.Body));
        Assert.True(WebhookSignatures.SignedBy(during.Signature!, created.Secret, during.Body));

        AdvanceTo(Now + TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Null((await Subscriptions().GetAsync(id)).PreviousSecretExpiresAt);
        await CreateOrderAsync();
        await UntilAsync(async () => (await LogAsync(id)).Count(d => d.Status == WebhookDeliveryStatus.Succeeded) == 2, "the delivery after the overlap");
        var after = _receiver.Received[1];
        Assert.Single(WebhookSignatures.Parse(after.Signature!).V1);
        Assert.True(WebhookSignatures.SignedBy(after.Signature!, rotated.Secret, after.Body));
        Assert.False(WebhookSignatures.SignedBy(after.Signature!, created.Secret, after.Body));
    }

    [Fact]
    public async Task Sustained_failure_disables_the_subscription_with_its_reason_and_later_events_are_not_delivered()
    {
        _receiver.Respond = _ => 503;
        var issued = await SubscribeAsync(OrderEventTypes.OrderCreated);
        var id = issued.Subscription.SubscriptionId;
        await CreateOrderAsync();
        await UntilAsync(async () => (await LogAsync(id)) is [{ Status: WebhookDeliveryStatus.Failed }], "the first delivery gives up after 4 attempts");
        Assert.Equal(WebhookStatus.Active, (await Subscriptions().GetAsync(id)).Status); // 4 failures within minutes: not sustained

        AdvanceTo(Now + TimeSpan.FromHours(1));
        await CreateOrderAsync();
        await UntilAsync(async () => (await Subscriptions().GetAsync(id)).Status == WebhookStatus.Disabled, "the subscription is disabled");

        var subscription = await Subscriptions().GetAsync(id);
        Assert.Contains("5 consecutive delivery attempts failed", subscription.DisabledReason);
        Assert.Contains("HTTP 503", subscription.DisabledReason);
        Assert.NotNull(subscription.DisabledAt);
        Assert.Equal(5, _receiver.Received.Count);
        Assert.All(await LogAsync(id), d => Assert.Equal(WebhookDeliveryStatus.Failed, d.Status));
        Assert.Empty(await Subscriptions().GetRoutesAsync());

        // A second subscription shows when the next order's events have been dispatched; the disabled one gets none of them.
        _receiver.Respond = _ => 200;
        var second = await SubscribeAsync(OrderEventTypes.OrderCreated);
        await CreateOrderAsync();
        await UntilAsync(async () => (await LogAsync(second.Subscription.SubscriptionId)) is [{ Status: WebhookDeliveryStatus.Succeeded }], "the active subscription gets the next order");
        Assert.Equal(2, (await LogAsync(id)).Length);
        Assert.Equal(6, _receiver.Received.Count);
    }

    [Fact]
    public async Task A_failed_delivery_is_replayed_on_request_with_the_same_id_and_body_and_the_log_shows_the_replay()
    {
        _receiver.Respond = _ => 500;
        var issued = await SubscribeAsync(OrderEventTypes.OrderCreated);
        var id = issued.Subscription.SubscriptionId;
        await CreateOrderAsync();
        await UntilAsync(async () => (await LogAsync(id)) is [{ Status: WebhookDeliveryStatus.Failed }], "the delivery fails for good");
        var failed = Assert.Single(await LogAsync(id));
        Assert.Equal(4, failed.Attempts.Length);

        _receiver.Respond = _ => 200;
        var replayed = await Deliveries(id).ReplayAsync(failed.DeliveryId);

        Assert.Equal(WebhookDeliveryStatus.Succeeded, replayed.Status);
        Assert.Equal(5, replayed.Attempts.Length);
        Assert.Equal((WebhookAttemptTrigger.Replay, 200), (replayed.Attempts[4].Trigger, replayed.Attempts[4].StatusCode ?? 0));
        var last = _receiver.Received[^1];
        Assert.Equal((failed.DeliveryId, failed.Body), (last.DeliveryId, last.Body));
        Assert.True(WebhookSignatures.SignedBy(last.Signature!, issued.Secret, last.Body));
        var again = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Deliveries(id).ReplayAsync(failed.DeliveryId));
        Assert.Equal(WebhookErrorCodes.DeliveryNotFailed, again.Code);
    }

    [Fact]
    public async Task Secrets_are_never_in_reads_another_tenant_cannot_see_a_subscription_and_bad_input_names_its_field()
    {
        var issued = await SubscribeAsync("*");
        var id = issued.Subscription.SubscriptionId;

        var json = JsonSerializer.Serialize(await Subscriptions().ListAsync(), GrainInterfacesJsonContext.Default.ImmutableArrayWebhookSubscription)
                   + JsonSerializer.Serialize(await Subscriptions().GetAsync(id), GrainInterfacesJsonContext.Default.WebhookSubscription);
        Assert.StartsWith("whsec_", issued.Secret);
        Assert.DoesNotContain(issued.Secret, json);
        Assert.Contains(id, json);

        var notFound = await Assert.ThrowsAsync<NotFoundException>(() => Subscriptions("globex").GetAsync(id));
        Assert.Equal(WebhookErrorCodes.NotFound, notFound.Code);
        Assert.Empty(await Subscriptions("globex").ListAsync());

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => Subscriptions().CreateAsync(new CreateWebhook
        {
            Actor = Admin, Url = "ftp://example.com/hook", EventTypes = ["order.created", "order.nonsense"],
        }));
        Assert.Equal(["url", "eventTypes[1]"], invalid.Error.FieldNames);
        Assert.Equal("https-required", WebhookRules.CheckUrl("http://example.com/hook", allowHttp: false)?.Code);
        Assert.Null(WebhookRules.CheckUrl("https://example.com/hook", allowHttp: false));
        Assert.Equal("invalid-url", WebhookRules.CheckUrl("https://user:pw@example.com/hook", allowHttp: false)?.Code);
    }
}

public sealed class MemoryWebhookDeliveryTests : WebhookDeliveryTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
