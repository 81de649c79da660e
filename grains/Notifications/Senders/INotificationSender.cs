using OrderCluster.GrainInterfaces.Notifications;

namespace OrderCluster.Grains.Notifications.Senders;

/// <summary>A rendered message on its way out.</summary>
public sealed record OutgoingNotification(string TenantId, string OrderId, string MessageId, NotificationChannel Channel, string Recipient, string Subject, string Body);

/// <summary>Delivers a notification; throws when it could not (the outbox retries). Chosen by <c>Notifications:Sender</c>.</summary>
public interface INotificationSender
{
    Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken);
}
