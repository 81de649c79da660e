using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace OrderCluster.Runtime.Storage.Postgres.Timers;

/// <summary>Claims, settles, lists and counts durable timers. Each call is one round trip.</summary>
internal sealed class PostgresTimerCommands
{
    private readonly PostgresDatabase _database;
    private readonly ILogger _logger;
    private readonly string _claimSql;
    private readonly string _lockSql;
    private readonly string _acknowledgeSql;
    private readonly string _deferSql;
    private readonly string _releaseSql;
    private readonly string _listSql;
    private readonly string _statsSql;

    public PostgresTimerCommands(PostgresDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
        _claimSql = database.Sql(PostgresTimerSql.Claim);
        _lockSql = database.Sql(PostgresTimerSql.Lock);
        _acknowledgeSql = database.Sql(PostgresTimerSql.Acknowledge);
        _deferSql = database.Sql(PostgresTimerSql.Defer);
        _releaseSql = database.Sql(PostgresTimerSql.Release);
        _listSql = database.Sql(PostgresTimerSql.List);
        _statsSql = database.Sql(PostgresTimerSql.Stats);
    }

    /// <summary>The claim statement and its parameters (also used by the tests that check its plan).</summary>
    internal NpgsqlCommand CreateClaimCommand(DateTimeOffset dueBefore, IReadOnlyList<HashRange> merged, string leaseOwner,
        DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        var command = _database.CreateCommand(_claimSql);
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresDatabase.Utc(dueBefore)));
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresDatabase.Utc(now)));
        command.Parameters.Add(PostgresDatabase.Parameter(merged.Select(r => (long)r.Start).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(merged.Select(r => (long)r.End).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(limit));
        command.Parameters.Add(PostgresDatabase.Parameter(leaseOwner));
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresDatabase.Utc(leaseUntil)));
        return command;
    }

    public async Task<IReadOnlyList<DurableTimerRecord>> ClaimDueAsync(DateTimeOffset dueBefore, IReadOnlyList<HashRange> ranges,
        string leaseOwner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(leaseOwner);
        var merged = HashRange.Merge(ranges);
        if (limit <= 0 || merged.Count == 0) return [];

        await using var command = CreateClaimCommand(dueBefore, merged, leaseOwner, now, leaseUntil, limit);
        var claimed = new List<DurableTimerRecord>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new DurableTimerRecord(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3), ReadPeriod(reader, 4), reader.GetInt64(5)));
            }
        }

        // RETURNING has no order; the contract is earliest first.
        return claimed.OrderBy(t => t.DueAt).ToList();
    }

    public Task AcknowledgeAsync(IReadOnlyList<TimerAcknowledgement> acknowledgements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        if (acknowledgements.Count == 0) return Task.CompletedTask;

        // A tick acknowledged twice counts once (the first one wins, as when applied one by one).
        var unique = acknowledgements.DistinctBy(a => (a.GrainId, a.Name, a.Version)).ToList();
        var command = new NpgsqlBatchCommand(_acknowledgeSql);
        AddKeys(command, unique);
        command.Parameters.Add(PostgresDatabase.Parameter(unique.Select(a => a.Version).ToArray()));
        command.Parameters.Add(PostgresDatabase.TimestampTzArray(unique.Select(a => PostgresDatabase.Utc(a.NextDueAt)).ToArray()));
        return ExecuteLockedAsync("acknowledge", unique, command, cancellationToken);
    }

    public Task DeferAsync(IReadOnlyList<TimerAcknowledgement> timers, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        if (timers.Count == 0) return Task.CompletedTask;

        var unique = timers.DistinctBy(a => (a.GrainId, a.Name, a.Version)).ToList();
        var command = new NpgsqlBatchCommand(_deferSql);
        AddKeys(command, unique);
        command.Parameters.Add(PostgresDatabase.Parameter(unique.Select(a => a.Version).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(PostgresDatabase.Utc(retryAt)));
        return ExecuteLockedAsync("defer", unique, command, cancellationToken);
    }

    public async Task ReleaseLeasesAsync(string? leaseOwner, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(_releaseSql);
        command.Parameters.Add(PostgresDatabase.Parameter(leaseOwner, NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DurableTimerRecord>> ListAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(_listSql);
        command.Parameters.Add(PostgresDatabase.Parameter(grainId.Type));
        command.Parameters.Add(PostgresDatabase.Parameter(grainId.Key));
        var timers = new List<DurableTimerRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            timers.Add(new DurableTimerRecord(grainId, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                ReadPeriod(reader, 2), reader.GetInt64(3)));
        }

        // The "C" collation orders by UTF-8 bytes; the contract orders by UTF-16 (ordinal), which differs for a few characters.
        return timers.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<DurableTimerStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(_statsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DurableTimerStats(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Runs <paramref name="command"/> after locking its timers in key order, in one round trip and one transaction.</summary>
    private async Task ExecuteLockedAsync(string operation, List<TimerAcknowledgement> timers, NpgsqlBatchCommand command,
        CancellationToken cancellationToken)
    {
        await using var batch = _database.CreateBatch();
        var lockCommand = new NpgsqlBatchCommand(_lockSql);
        AddKeys(lockCommand, timers);
        batch.BatchCommands.Add(lockCommand);
        batch.BatchCommands.Add(command);
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PostgresLog.TimerBatchFailed(_logger, e, operation, timers.Count);
            throw;
        }
    }

    private static void AddKeys(NpgsqlBatchCommand command, List<TimerAcknowledgement> timers)
    {
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(a => a.GrainId.Type).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(a => a.GrainId.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timers.Select(a => a.Name).ToArray()));
    }

    private static TimeSpan? ReadPeriod(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(ordinal));
}
