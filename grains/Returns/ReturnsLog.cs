using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Returns;

/// <summary>Log messages of returns and refunds (event ids 5300–5349).</summary>
internal static partial class ReturnsLog
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Debug, Message = "Returns {OrderKey}: {Action} refused ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, string orderKey, string action, string code, string reason);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Returns {OrderKey}: reporting after-sales version {AfterSalesVersion} to the order failed; it is sent again later")]
    public static partial void OrderReportFailed(ILogger logger, Exception exception, string orderKey, long afterSalesVersion);
}
