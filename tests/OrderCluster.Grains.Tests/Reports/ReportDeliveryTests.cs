using System.Globalization;
using System.Text.Json;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Reports;
using OrderCluster.GrainInterfaces.Webhooks;
using OrderCluster.Grains.Reports;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Grains.Tests.Webhooks;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Reports;

/// <summary>
/// Saved reports and their scheduled delivery on a silo with a manual clock: the durable timer fires at the scheduled time, the
/// CSV (run as of that time) goes out once by e-mail through the file sender or to a webhook subscription on a real loopback
/// receiver, failures are retried with back-off and logged with their reason. Settings: 3 attempts, 30 s then 60 s apart.
/// </summary>
public abstract class ReportDeliveryTests : DomainStorageTests, IAsyncLifetime
{
    protected const string Tenant = "acme";
    private readonly string _mailDirectory = Path.Combine(Path.GetTempPath(), "oc-report-mail-" + Guid.NewGuid().ToString("N"));
    private WebhookReceiver _receiver = null!;

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        options.Configuration["Notifications:Directory"] = _mailDirectory;
        options.Configuration["Webhooks:AllowHttp"] = "true";
        options.Configuration["Webhooks:AllowLoopback"] = "true"; // the receiver is on 127.0.0.1
        options.Configuration["Reports:MaxAttempts"] = "3";
        options.Configuration["Reports:RetryBaseDelay"] = "00:00:30";
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
        if (Directory.Exists(_mailDirectory)) Directory.Delete(_mailDirectory, recursive: true);
    }

    protected ISavedReportsGrain Reports(string tenant = Tenant) => Grains.GetGrain<ISavedReportsGrain>(tenant);

    protected static readonly ReportDefinition Volume = new() { Measures = ["orders", "units", "revenue"], Dimension = "channel", Grain = ReportGrain.Day, Range = "last 7 days" };

    /// <summary>The e-mails the file sender wrote: recipient, subject, body.</summary>
    protected List<(string Recipient, string Subject, string Body)> Mails()
    {
        var file = Path.Combine(_mailDirectory, $"{Tenant}.jsonl");
        if (!File.Exists(file)) return [];
        return [.. File.ReadAllLines(file).Select(l => JsonSerializer.Deserialize<Dictionary<string, string>>(l)!).Select(d => (d["recipient"], d["subject"], d["body"]))];
    }

    protected async Task<int> OrdersAsync(int count)
    {
        for (var i = 0; i < count; i++) await Grains.Order(Tenant, $"o-{i}").CreateAsync(Order($"c-{i % 2}"));
        await AdvanceUntilAsync(async () => (await TenantAnalytics.GetProgressAsync(Grains, Tenant)).Sum(p => p.Orders) == count, "analytics has the orders", TimeSpan.FromMinutes(10));
        return count;
    }

    protected async Task<(SavedReport Report, DateTimeOffset DueAt)> ScheduleByEmailAsync()
    {
        var report = await Reports().CreateAsync(new SaveReport { Name = "Daily volume", Definition = Volume });
        var at = Now.AddHours(2);
        var scheduled = await Reports().ScheduleAsync(report.ReportId, new ReportSchedule { At = at.ToString("HH:mm", CultureInfo.InvariantCulture), Email = "planner@example.com" }, report.Version);
        return (scheduled, scheduled.NextDueAt!.Value);
    }

    protected async Task<ImmutableArray<ReportDelivery>> LogAsync(string reportId) => (await Reports().GetDeliveriesAsync(reportId)).Deliveries;

    [Fact]
    public async Task A_daily_schedule_delivers_the_csv_by_email_once_at_its_time_and_sets_the_next_day()
    {
        await OrdersAsync(3);
        var (report, dueAt) = await ScheduleByEmailAsync();
        Assert.Equal([SavedReportsGrain.DeliverTimer], await TimersOfAsync("saved-reports", Tenant));

        AdvanceTo(dueAt.AddSeconds(-3));
        Assert.Empty(Mails()); // not before its time
        await AdvanceUntilAsync(async () => (await LogAsync(report.ReportId)).Length == 1, "the first delivery", TimeSpan.FromMinutes(2));
        for (var i = 0; i < 5; i++) await Silo.AdvanceOneTimerPollAsync(Clock); // more polls: nothing more is due

        var mail = Assert.Single(Mails());
        var expected = ReportCsv.Write(await ReportRunner.RunAsync(Grains, Tenant, Volume, dueAt));
        Assert.Equal(("planner@example.com", expected), (mail.Recipient, mail.Body));
        Assert.Contains("Daily volume", mail.Subject);
        Assert.StartsWith("period_start,channel,orders,units,revenue\r\n", mail.Body);
        Assert.Contains(",online,3,21,300\r\n", mail.Body);
        var log = await Reports().GetDeliveriesAsync(report.ReportId);
        var sent = Assert.Single(log.Deliveries);
        Assert.Equal((ReportDeliveryStatus.Sent, dueAt, 1, 1, (DateTimeOffset?)null), (sent.Status, sent.DueAt, sent.Attempt, sent.Rows, sent.RetryAt));
        Assert.Equal(dueAt.AddDays(1), log.NextDueAt);
        Assert.Equal(dueAt.AddDays(1), (await Reports().GetAsync(report.ReportId)).NextAttemptAt);
    }

    [Fact]
    public async Task A_webhook_delivery_refused_at_first_is_retried_signed_and_the_log_keeps_the_reason()
    {
        _receiver.Respond = n => n == 1 ? 500 : 200;
        var subscription = await Grains.GetGrain<IWebhookSubscriptionsGrain>(Tenant).CreateAsync(new CreateWebhook { Actor = Admin, Url = _receiver.Url, EventTypes = ["order.created"] });
        var report = await Reports().CreateAsync(new SaveReport { Name = "Top customers", Definition = BuiltInReports.Find("top-customers")!.Definition });
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => Reports().ScheduleAsync(report.ReportId,
            new ReportSchedule { At = "00:00", Channel = ReportDeliveryChannel.Webhook, WebhookSubscriptionId = "wh_nope" }, null));
        Assert.Equal(["webhookSubscriptionId"], unknown.Error.FieldNames);
        var at = Now.AddHours(1);
        var scheduled = await Reports().ScheduleAsync(report.ReportId,
            new ReportSchedule { Frequency = ReportFrequency.Weekly, Day = (ReportWeekday)(((int)at.DayOfWeek + 6) % 7), At = at.ToString("HH:mm", CultureInfo.InvariantCulture), Channel = ReportDeliveryChannel.Webhook, WebhookSubscriptionId = subscription.Subscription.SubscriptionId }, null);
        var dueAt = scheduled.NextDueAt!.Value;

        AdvanceTo(dueAt.AddSeconds(-3));
        await AdvanceUntilAsync(async () => (await LogAsync(report.ReportId)) is [{ Status: ReportDeliveryStatus.Sent }, ..], "the retry succeeds", TimeSpan.FromMinutes(5));

        var log = await LogAsync(report.ReportId);
        Assert.Equal([ReportDeliveryStatus.Sent, ReportDeliveryStatus.Failed], log.Select(d => d.Status));
        Assert.Equal([2, 1], log.Select(d => d.Attempt));
        Assert.All(log, d => Assert.Equal(dueAt, d.DueAt));
        Assert.Contains("HTTP 500", log[1].Error);
        Assert.Equal(log[1].At.AddSeconds(30), log[1].RetryAt);
        Assert.InRange(log[0].At - log[1].At, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(32));
        Assert.Equal(2, _receiver.Received.Count);
        var received = _receiver.Received[1];
        Assert.Equal("customer,revenue,orders,avg_order_value\r\n", received.Body); // no orders: the header alone
        Assert.True(WebhookSignatures.SignedBy(received.Signature!, subscription.Secret, received.Body));
        Assert.Equal((ReportSender.EventType, log[0].DeliveryId), (received.EventType, received.DeliveryId));
        Assert.Equal(dueAt.AddDays(7), (await Reports().GetDeliveriesAsync(report.ReportId)).NextDueAt);
    }

    [Fact]
    public async Task Saved_reports_are_versioned_per_tenant_and_another_tenants_id_is_not_found()
    {
        var report = await Reports().CreateAsync(new SaveReport { Name = "Mine", Definition = Volume });
        var updated = await Reports().UpdateAsync(report.ReportId, new SaveReport { Name = "Renamed", Definition = Volume with { Grain = ReportGrain.Week } }, 1);

        var stale = await Assert.ThrowsAsync<VersionConflictException>(() => Reports().UpdateAsync(report.ReportId, new SaveReport { Name = "Late", Definition = Volume }, 1));
        await Assert.ThrowsAsync<NotFoundException>(() => Reports("globex").GetAsync(report.ReportId));
        await Assert.ThrowsAsync<NotFoundException>(() => Reports("globex").DeleteAsync(report.ReportId, null));
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => Reports().CreateAsync(new SaveReport { Name = " ", Definition = new ReportDefinition { Measures = ["profit"] } }));

        Assert.Equal((2L, "Renamed", ReportGrain.Week), (updated.Version, updated.Name, updated.Definition.Grain));
        Assert.Equal(2, stale.CurrentVersion);
        Assert.Equal(["name", "measures[0]"], invalid.Error.FieldNames);
        Assert.Empty(await Reports("globex").ListAsync());
        await Reports().DeleteAsync(report.ReportId, 2);
        Assert.Empty(await Reports().ListAsync());
    }

    [Fact]
    public async Task Many_concurrent_saves_each_get_a_report_and_one_of_many_concurrent_updates_of_a_version_wins()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Reports().CreateAsync(new SaveReport { Name = $"r{i:D2}", Definition = Volume })));
        var target = created[0];
        var updates = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await Reports().UpdateAsync(target.ReportId, new SaveReport { Name = $"winner {i}", Definition = Volume }, target.Version);
                return true;
            }
            catch (VersionConflictException)
            {
                return false;
            }
        }));

        Assert.Equal(40, created.Select(r => r.ReportId).Distinct().Count());
        var names = (await Reports().ListAsync()).Select(r => r.Name).ToList();
        Assert.Equal(40, names.Count);
        Assert.Single(names, n => n.StartsWith("winner", StringComparison.Ordinal));
        Assert.Equal(1, updates.Count(u => u));
        Assert.Equal(2, (await Reports().GetAsync(target.ReportId)).Version);
    }
}

public sealed class MemoryReportDeliveryTests : ReportDeliveryTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

/// <summary>On PostgreSQL, where the schedule and its timer outlive the silo.</summary>
public sealed class PostgresReportDeliveryTests : ReportDeliveryTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    [Fact]
    public async Task After_a_silo_restart_the_schedule_delivers_its_next_time_once_and_never_repeats_a_sent_one()
    {
        await OrdersAsync(2);
        var (report, dueAt) = await ScheduleByEmailAsync();
        AdvanceTo(dueAt.AddSeconds(-3));
        await AdvanceUntilAsync(async () => (await LogAsync(report.ReportId)).Length == 1, "the first delivery", TimeSpan.FromMinutes(2));

        await RestartSiloAsync();
        for (var i = 0; i < 5; i++) await Silo.AdvanceOneTimerPollAsync(Clock); // the sent time is not sent again
        Assert.Single(Mails());
        AdvanceTo(dueAt.AddDays(1).AddSeconds(-3));
        await AdvanceUntilAsync(async () => (await LogAsync(report.ReportId)).Length == 2, "the next day's delivery after the restart", TimeSpan.FromMinutes(2));
        for (var i = 0; i < 5; i++) await Silo.AdvanceOneTimerPollAsync(Clock);

        var log = await LogAsync(report.ReportId);
        Assert.Equal([dueAt.AddDays(1), dueAt], log.Select(d => d.DueAt));
        Assert.All(log, d => Assert.Equal(ReportDeliveryStatus.Sent, d.Status));
        Assert.Equal(2, Mails().Count);
        Assert.Equal(ReportCsv.Write(await ReportRunner.RunAsync(Grains, Tenant, Volume, dueAt.AddDays(1))), Mails()[1].Body);
        Assert.Equal(dueAt.AddDays(2), (await Reports().GetDeliveriesAsync(report.ReportId)).NextDueAt);
    }
}
