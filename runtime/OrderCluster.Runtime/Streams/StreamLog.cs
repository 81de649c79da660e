using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Streams;

/// <summary>Stream log messages; event ids 1100-1199.</summary>
internal static partial class StreamLog
{
    [LoggerMessage(1100, LogLevel.Warning, "Group {Group}: delivering {Count} events to {Target} failed (attempt {Attempt})")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string group, GrainId target, int count, int attempt);

    [LoggerMessage(1101, LogLevel.Error, "Group {Group}: event {Sequence} of {Stream} failed {Attempts} times; moved to the dead letters")]
    public static partial void DeadLettered(ILogger logger, string group, StreamId stream, long sequence, int attempts);

    [LoggerMessage(1102, LogLevel.Information, "Group {Group}: partition {Partition} reset to position {Position} (epoch {Epoch})")]
    public static partial void GroupReset(ILogger logger, string group, int partition, long position, long epoch);

    [LoggerMessage(1103, LogLevel.Error, "Reading stream partition {Partition} failed")]
    public static partial void PartitionFailed(ILogger logger, Exception exception, int partition);

    [LoggerMessage(1104, LogLevel.Information, "This silo now reads stream partitions [{Partitions}]")]
    public static partial void PartitionsOwned(ILogger logger, string partitions);

    [LoggerMessage(1105, LogLevel.Information, "Retention deleted {Count} handled events of partition {Partition}")]
    public static partial void RetentionDeleted(ILogger logger, int count, int partition);
}
