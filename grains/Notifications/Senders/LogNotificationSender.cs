using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Notifications.Senders;

/// <summary>Writes each message to the log (event id 5400) instead of sending it.</summary>
internal sealed partial class LogNotificationSender(ILogger<LogNotificationSender> logger) : INotificationSender
{
    public Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        Sent(logger, message.Channel.ToString(), message.Recipient, message.TenantId, message.OrderId, message.Subject);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "Notification ({Channel}) to {Recipient} for {TenantId}/{OrderId}: {Subject}")]
    private static partial void Sent(ILogger logger, string channel, string recipient, string tenantId, string orderId, string subject);
}
