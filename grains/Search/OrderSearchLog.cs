using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Search;

/// <summary>Log messages of the order search read model (event ids 5900–5919).</summary>
internal static partial class OrderSearchLog
{
    [LoggerMessage(EventId = 5900, Level = LogLevel.Warning, Message = "Order search projection {ShardKey}: batch of {Events} events failed ({Stage}); it is redelivered")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string shardKey, int events, string stage);

    [LoggerMessage(EventId = 5901, Level = LogLevel.Warning, Message = "Order search: query for tenant {Tenant} failed after {ElapsedMs} ms")]
    public static partial void QueryFailed(ILogger logger, Exception exception, string tenant, long elapsedMs);

    [LoggerMessage(EventId = 5902, Level = LogLevel.Information, Message = "Order search: read model on {Provider}")]
    public static partial void ProviderChosen(ILogger logger, string provider);
}
