using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Notifications;

/// <summary>Log messages of notifications (event ids 5400–5449).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Notifications {OrderKey}: message {MessageId} failed (attempt {Attempt}, gave up: {GaveUp})")]
    public static partial void SendFailed(ILogger logger, Exception exception, string orderKey, string messageId, int attempt, bool gaveUp);
}
