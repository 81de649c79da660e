using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Returns;

/// <summary>Log messages of returns and refunds (event ids 5300–5349).</summary>
internal static partial class ReturnsLog
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Debug, Message = "Returns {OrderKey}: {Action} refused ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, string orderKey, string action, string code, string reason);
}
