using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Analytics;

/// <summary>Log messages of the analytics and forecast grains (event ids 5600–5699).</summary>
internal static partial class AnalyticsLog
{
    [LoggerMessage(EventId = 5600, Level = LogLevel.Warning, Message = "Analytics {ShardKey}: batch of {Events} events failed ({Stage}); the state reloads and the batch is redelivered")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string shardKey, int events, string stage);

    [LoggerMessage(EventId = 5601, Level = LogLevel.Debug, Message = "Analytics {ShardKey}: dropped {Duplicates} redelivered events")]
    public static partial void DuplicatesDropped(ILogger logger, string shardKey, int duplicates);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "Analytics {ShardKey}: order stream {Stream} starts at sequence {Sequence} without its creation (deleted by retention?); ignored")]
    public static partial void MissingCreation(ILogger logger, string shardKey, string stream, long sequence);

    [LoggerMessage(EventId = 5603, Level = LogLevel.Warning, Message = "Analytics {ShardKey}: forecast series {Series} not started yet; asked again with the next batch")]
    public static partial void SeriesStartFailed(ILogger logger, Exception exception, string shardKey, string series);

    [LoggerMessage(EventId = 5610, Level = LogLevel.Information, Message = "Forecast {Series}: refitted on {Points} points in {ElapsedMs} ms: {Model}")]
    public static partial void Refitted(ILogger logger, string series, int points, long elapsedMs, string model);

    [LoggerMessage(EventId = 5611, Level = LogLevel.Warning, Message = "Forecast {Series}: fitting failed on {Points} points; the previous model is kept")]
    public static partial void RefitFailed(ILogger logger, Exception exception, string series, int points);

    [LoggerMessage(EventId = 5612, Level = LogLevel.Warning, Message = "Forecast {Series}: tick failed; retried by the timer")]
    public static partial void TickFailed(ILogger logger, Exception exception, string series);
}
