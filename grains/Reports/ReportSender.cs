using System.Net.Http.Headers;
using System.Text;
using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.GrainInterfaces.Reports;
using OrderCluster.GrainInterfaces.Webhooks;
using OrderCluster.Grains.Notifications.Senders;
using OrderCluster.Grains.Webhooks;

namespace OrderCluster.Grains.Reports;

/// <summary>A report's CSV on its way out.</summary>
internal sealed record ReportMessage(string Tenant, string ReportId, string ReportName, string DeliveryId, DateTimeOffset DueAt, string Csv);

/// <summary>
/// Sends a report's CSV where its schedule says: by e-mail through the notification sender (<c>Notifications:Sender</c>), or as a
/// <c>text/csv</c> POST to the tenant's webhook subscription, signed like webhook deliveries and sent with the webhooks' HTTP client
/// (its timeout, no redirects, and its address guard: only allowed, public receivers). Throws when it could not.
/// </summary>
internal sealed class ReportSender(INotificationSender notifications, IHttpClientFactory clients, IGrainFactory grains, TimeProvider time)
{
    public const string EventType = "report.delivered";

    public async Task SendAsync(ReportSchedule schedule, ReportMessage message, CancellationToken cancellationToken)
    {
        if (schedule.Channel == ReportDeliveryChannel.Email)
        {
            var subject = $"Report {message.ReportName} ({message.DueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)".Replace('\r', ' ').Replace('\n', ' ');
            await notifications.SendAsync(new OutgoingNotification(message.Tenant, "", message.DeliveryId, NotificationChannel.Email, schedule.Email!, subject, message.Csv), cancellationToken);
            return;
        }

        var target = await grains.GetGrain<IWebhookSubscriptionsGrain>(message.Tenant).GetTargetAsync(schedule.WebhookSubscriptionId!);
        if (target.Status != WebhookStatus.Active) throw new InvalidOperationException($"webhook subscription {target.SubscriptionId} is {target.Status.ToString().ToLowerInvariant()}");
        var now = time.GetUtcNow();
        var secrets = target.PreviousSecret is { } previous && target.PreviousSecretExpiresAt > now ? new[] { target.Secret, previous } : [target.Secret];
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new StringContent(message.Csv, Encoding.UTF8, ReportCsv.MediaType) };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.HeaderValue(now, message.Csv, secrets));
        request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, message.DeliveryId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventHeader, EventType);
        request.Headers.TryAddWithoutValidation("X-OrderCluster-Report", message.ReportId);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("OrderCluster-Reports", "1"));
        using var response = await clients.CreateClient(HttpWebhookSender.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode} from the receiver", null, response.StatusCode);
    }
}
