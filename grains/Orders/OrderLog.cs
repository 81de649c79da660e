using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Orders;

/// <summary>Log messages of the order grains (event ids 5000–5099).</summary>
internal static partial class OrderLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Order {OrderKey} created ({Channel}), status {Status}")]
    public static partial void Created(ILogger logger, string orderKey, string channel, string status);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Order {OrderKey}: {Action} refused ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, string orderKey, string action, string code, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Order {OrderKey}: SLA {Deadline} warning, due {DueAt:O}")]
    public static partial void SlaWarning(ILogger logger, string orderKey, string deadline, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Order {OrderKey}: SLA {Deadline} breached, due {DueAt:O}; priority now {Priority}")]
    public static partial void SlaBreached(ILogger logger, string orderKey, string deadline, DateTimeOffset dueAt, string priority);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Order {OrderKey}: customer {CustomerId} not updated yet; sent again later")]
    public static partial void CustomerUpdateFailed(ILogger logger, Exception exception, string orderKey, string customerId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Order {OrderKey}: SLA outcome {OutcomeId} not reported yet; sent again later")]
    public static partial void SlaReportFailed(ILogger logger, Exception exception, string orderKey, string outcomeId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Order {OrderKey}: timer {Timer} not removed; its tick will find the deadline ended")]
    public static partial void TimerRemovalFailed(ILogger logger, Exception exception, string orderKey, string timer);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Order {OrderKey}: {Action} failed to commit; the activation reloads")]
    public static partial void CommitFailed(ILogger logger, Exception exception, string orderKey, string action);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Order {OrderKey}: release of reserved stock not requested yet; asked again later")]
    public static partial void FulfilmentReleaseFailed(ILogger logger, Exception exception, string orderKey);
}
