using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Automation;

/// <summary>Log messages of automation (event ids 5350–5399).</summary>
internal static partial class AutomationLog
{
    [LoggerMessage(EventId = 5350, Level = LogLevel.Warning, Message = "Automation {OrderKey}: rule {RuleId} step {Step} failed ({Code}): {Reason}")]
    public static partial void StepFailed(ILogger logger, string orderKey, string ruleId, int step, string code, string reason);

    [LoggerMessage(EventId = 5351, Level = LogLevel.Warning, Message = "Automation {OrderKey}: rule counts not reported")]
    public static partial void StatsFailed(ILogger logger, Exception exception, string orderKey);

    [LoggerMessage(EventId = 5352, Level = LogLevel.Warning, Message = "Order {OrderKey}: automation not nudged; the next change nudges again")]
    public static partial void NudgeFailed(ILogger logger, Exception exception, string orderKey);
}
