using System.Text.Json;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Notifications;

/// <summary>
/// The outbox with the real file sender: messages rendered from the tenant's templates, sent once per event, retried
/// with back-off on the durable timer while the directory cannot be written, and kept as the order's history. The
/// templates use an event name of their own (as an automation rule's notify step sends), so the order's own events,
/// which the automation grain forwards, do not add messages.
/// </summary>
public sealed class NotificationOutboxTests : DomainStorageTests, IDisposable
{
    private const string Tenant = "acme";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"oc-notify-{Guid.NewGuid():N}");

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    /// <summary>The sender writes under <c>{root}/blocker/out</c>: while <c>blocker</c> is a file, every send fails.</summary>
    private string Blocker => Path.Combine(_root, "blocker");

    private string OutFile => Path.Combine(Blocker, "out", $"{Tenant}.jsonl");

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        options.Configuration["Notifications:Directory"] = Path.Combine(Blocker, "out");
        options.Configuration["Notifications:MaxAttempts"] = "3";
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private INotificationOutboxGrain Outbox(string orderId) => Grains.GetGrain<INotificationOutboxGrain>(TenantKeys.For(Tenant, orderId));

    private async Task PublishAsync() => await Grains.GetGrain<INotificationTemplatesGrain>(Tenant).PublishAsync(new PublishNotificationTemplates(Admin,
    [
        new NotificationTemplate
        {
            TemplateId = "shipped-email", EventType = "parcel-shipped", When = "shipped", Channel = NotificationChannel.Email,
            Recipient = "{{customer.email}}", Subject = "Order {{order.id}} is on its way", Body = "<p>Dear {{customer.name}}, tracking {{shipment.tracking}}.</p>",
        },
        new NotificationTemplate
        {
            TemplateId = "shipped-hook", EventType = "parcel-shipped", When = "shipped", Channel = NotificationChannel.Webhook,
            Recipient = "https://hooks.example.com/orders", Body = "{\"order\":\"{{order.id}}\",\"status\":\"{{event.to}}\"}",
        },
        new NotificationTemplate
        {
            TemplateId = "cancel-sms", EventType = "order.status-changed", When = "cancelled", Channel = NotificationChannel.Sms,
            Recipient = "{{customer.phone}}", Body = "Order {{order.id}} was cancelled.",
        },
    ]));

    private static NotifyRequest Shipped(string eventId = "o-1/7") => new()
    {
        EventType = "parcel-shipped", EventId = eventId, Variables = ImmutableSortedDictionary<string, string>.Empty.Add("to", "shipped"),
    };

    [Fact]
    public async Task The_templates_of_an_event_are_rendered_sent_once_and_kept_in_the_orders_history()
    {
        Directory.CreateDirectory(_root);
        await PublishAsync();
        await Grains.DeliveredOrderAsync(Tenant, "o-1", deliver: false);

        var sent = await Outbox("o-1").NotifyAsync(Shipped());
        var again = await Outbox("o-1").NotifyAsync(Shipped());

        Assert.Equal(["shipped-email:Failed", "shipped-hook:Sent"], sent.Select(m => $"{m.TemplateId}:{m.Status}")); // the order has no e-mail address
        Assert.Contains("recipient is empty", sent[0].LastError);
        Assert.Empty(again);
        var lines = await File.ReadAllLinesAsync(OutFile);
        var hook = JsonDocument.Parse(lines.Single()).RootElement;
        Assert.Equal(("Webhook", "{\"order\":\"o-1\",\"status\":\"shipped\"}"), (hook.GetProperty("channel").GetString(), hook.GetProperty("body").GetString()));
        Assert.Equal(2, (await Outbox("o-1").GetHistoryAsync()).Length);
    }

    [Fact]
    public async Task Variables_come_from_the_order_and_its_shipment()
    {
        Directory.CreateDirectory(_root);
        await PublishAsync();
        await Grains.StockedWarehouseAsync(Tenant, "main", FulfilmentData.Site("Main"), ("SKU-9", 5));
        await Grains.Order(Tenant, "o-1").CreateAsync(Order() with
        {
            Customer = new() { CustomerId = "c-1", Name = "Jane <Doe>", Email = "jane@example.com" }, Lines = [Line("SKU-9", 1, 10m)],
        });

        var sent = await Outbox("o-1").NotifyAsync(Shipped());

        var email = sent.Single(m => m.Channel == NotificationChannel.Email);
        Assert.Equal((NotificationStatus.Sent, "jane@example.com", "Order o-1 is on its way"), (email.Status, email.Recipient, email.Subject));
        Assert.Equal("<p>Dear Jane &lt;Doe&gt;, tracking .</p>", email.Body);
    }

    [Fact]
    public async Task A_failed_send_is_retried_with_back_off_on_the_durable_timer_until_it_goes_through()
    {
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(Blocker, "not a directory");
        await PublishAsync();
        await Grains.DeliveredOrderAsync(Tenant, "o-1", deliver: false);
        var start = Now;

        var first = (await Outbox("o-1").NotifyAsync(Shipped())).Single(m => m.TemplateId == "shipped-hook");
        Assert.Equal((NotificationStatus.Pending, 1, start.AddSeconds(30)), (first.Status, first.Attempts, first.NextAttemptAt));
        await AdvanceUntilAsync(async () => (await Outbox("o-1").GetHistoryAsync()).Single(m => m.TemplateId == "shipped-hook").Attempts == 2,
            "the second attempt", TimeSpan.FromMinutes(2));
        var second = (await Outbox("o-1").GetHistoryAsync()).Single(m => m.TemplateId == "shipped-hook");
        File.Delete(Blocker);
        await AdvanceUntilAsync(async () => (await Outbox("o-1").GetHistoryAsync()).Single(m => m.TemplateId == "shipped-hook").Status == NotificationStatus.Sent,
            "the successful third attempt", TimeSpan.FromMinutes(3));

        var sent = (await Outbox("o-1").GetHistoryAsync()).Single(m => m.TemplateId == "shipped-hook");
        Assert.Equal(NotificationStatus.Pending, second.Status);
        Assert.True(second.NextAttemptAt >= first.NextAttemptAt!.Value.AddSeconds(60), "the delay doubles: 30 s, then 60 s");
        Assert.Equal(3, sent.Attempts);
        Assert.Single(await File.ReadAllLinesAsync(OutFile));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_marked_failed_after_the_last_attempt()
    {
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(Blocker, "not a directory");
        await PublishAsync();
        await Grains.DeliveredOrderAsync(Tenant, "o-1", deliver: false);

        await Outbox("o-1").NotifyAsync(Shipped());
        await AdvanceUntilAsync(async () => (await Outbox("o-1").GetHistoryAsync()).Single(m => m.TemplateId == "shipped-hook").Status == NotificationStatus.Failed,
            "giving up", TimeSpan.FromMinutes(5));

        var failed = (await Outbox("o-1").GetHistoryAsync()).Single(m => m.TemplateId == "shipped-hook");
        Assert.Equal(3, failed.Attempts);
        Assert.Null(failed.NextAttemptAt);
        Assert.False(string.IsNullOrEmpty(failed.LastError));
    }
}
