using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OrderCluster.Grains.Notifications.Senders;

/// <summary>
/// The default sender: appends each message as one JSON line to <c>{Notifications:Directory}/{tenant}.jsonl</c>, for
/// development and for a relay process that ships them. A line is written whole or not at all (one write call).
/// </summary>
internal sealed class FileNotificationSender(IOptions<NotificationOptions> options) : INotificationSender
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        var directory = options.Value.Directory;
        Directory.CreateDirectory(directory);
        var line = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["tenantId"] = message.TenantId, ["orderId"] = message.OrderId, ["messageId"] = message.MessageId, ["channel"] = message.Channel.ToString(),
            ["recipient"] = message.Recipient, ["subject"] = message.Subject, ["body"] = message.Body,
        }) + "\n";
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await File.AppendAllTextAsync(Path.Combine(directory, $"{message.TenantId}.jsonl"), line, cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }
}
