using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Storage.Postgres;

/// <summary>The store's log messages (event ids 4100-4199).</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Applied storage migration {MigrationId} ({Description}) to PostgreSQL schema {Schema}")]
    public static partial void MigrationApplied(ILogger logger, int migrationId, string description, string schema);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "PostgreSQL schema {Schema} is up to date at migration {MigrationId}")]
    public static partial void SchemaUpToDate(ILogger logger, string schema, int migrationId);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Slow grain commit: {Writes} writes in {Rounds} round(s) took {ElapsedMs} ms")]
    public static partial void SlowCommit(ILogger logger, int writes, int rounds, long elapsedMs);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Grain commit of {Writes} writes failed; none of it was applied unless the connection broke during commit")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int writes);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Grain commit of {Writes} writes was rolled back by PostgreSQL ({SqlState}) on attempt {Attempt} and applied nothing; sending it again")]
    public static partial void CommitRetried(ILogger logger, string sqlState, int writes, int attempt);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning, Message = "Reading the stored versions of {Count} states whose writes conflicted failed after their batch committed; those conflicts report no version")]
    public static partial void ConflictVersionsUnread(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Warning, Message = "Durable timer {Operation} of {Count} timers failed")]
    public static partial void TimerBatchFailed(ILogger logger, Exception exception, string operation, int count);
}
