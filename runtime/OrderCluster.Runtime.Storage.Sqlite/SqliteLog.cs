using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Storage.Sqlite;

/// <summary>The store's log messages (event ids 4200-4299).</summary>
internal static partial class SqliteLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Applied storage migration {MigrationId} ({Description}) to SQLite database {Path}")]
    public static partial void MigrationApplied(ILogger logger, int migrationId, string description, string path);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Opened SQLite database {Path} (journal mode {JournalMode}, synchronous {Synchronous})")]
    public static partial void Opened(ILogger logger, string path, string journalMode, SqliteSynchronousMode synchronous);

    [LoggerMessage(EventId = 4210, Level = LogLevel.Warning, Message = "Slow grain commit: {Writes} writes took {ElapsedMs} ms")]
    public static partial void SlowCommit(ILogger logger, int writes, long elapsedMs);

    [LoggerMessage(EventId = 4211, Level = LogLevel.Warning, Message = "Grain commit of {Writes} writes failed and was rolled back")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int writes);

    [LoggerMessage(EventId = 4212, Level = LogLevel.Warning, Message = "The SQLite writer connection failed to roll back and was closed; the next write opens a new one")]
    public static partial void WriterReset(ILogger logger, Exception exception);
}
