using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrderCluster.Runtime.Storage.Postgres.State;

/// <summary>Reads grain state and commits batches of grain writes (state and timer changes together).</summary>
internal sealed class PostgresStateCommands
{
    private readonly PostgresDatabase _database;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _slowCommitThreshold;
    private readonly string _readStateSql;
    private readonly string _lockStatesSql;
    private readonly string _lockTimersSql;
    private readonly string _roundSql;
    private readonly string _readVersionsSql;

    public PostgresStateCommands(PostgresDatabase database, ILogger logger, TimeProvider timeProvider, TimeSpan slowCommitThreshold)
    {
        _database = database;
        _logger = logger;
        _timeProvider = timeProvider;
        _slowCommitThreshold = slowCommitThreshold;
        _readStateSql = database.Sql(PostgresCommitSql.ReadState);
        _lockStatesSql = database.Sql(PostgresCommitSql.LockStates);
        _lockTimersSql = database.Sql(PostgresCommitSql.LockTimers);
        _roundSql = database.Sql(PostgresCommitSql.Round);
        _readVersionsSql = database.Sql(PostgresCommitSql.ReadVersions);
    }

    public async Task<StoredGrainState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        await using var command = _database.CreateCommand(_readStateSql);
        command.Parameters.Add(PostgresDatabase.Parameter(grainId.Type));
        command.Parameters.Add(PostgresDatabase.Parameter(grainId.Key));
        command.Parameters.Add(PostgresDatabase.Parameter(stateName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var payload = reader.IsDBNull(0) ? null : Encoding.UTF8.GetBytes(reader.GetString(0));
        return new StoredGrainState(payload, reader.GetInt64(1));
    }

    public async Task<IReadOnlyList<GrainWriteResult>> CommitAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0) return [];

        var plan = CommitPlan.Create(writes);
        var stateKeys = StateKeys(plan);
        await using var batch = _database.CreateBatch();
        var locks = AddLocks(batch, plan);
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        foreach (var round in plan.Rounds) batch.BatchCommands.Add(RoundCommand(round, now));
        if (stateKeys.Count > 0) batch.BatchCommands.Add(ReadVersionsCommand(stateKeys));

        var committed = new Dictionary<int, long>();
        var foundVersions = new long[stateKeys.Count];
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < locks; i++) await reader.NextResultAsync(cancellationToken); // lock results carry nothing
            for (var round = 0; round < plan.Rounds.Count; round++)
            {
                if (round > 0) await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) committed[reader.GetInt32(0)] = reader.GetInt64(1);
            }

            if (stateKeys.Count > 0)
            {
                await reader.NextResultAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) foundVersions[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PostgresLog.CommitFailed(_logger, e, writes.Count);
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed >= _slowCommitThreshold) PostgresLog.SlowCommit(_logger, writes.Count, plan.Rounds.Count, (long)elapsed.TotalMilliseconds);
        return Results(plan, committed, stateKeys, foundVersions);
    }

    /// <summary>
    /// One result per write. A conflict reports the version the write found: the one left by the last earlier write of
    /// the batch to the same state, else the one a later write of the batch found, else the version stored now.
    /// </summary>
    private static GrainWriteResult[] Results(CommitPlan plan, Dictionary<int, long> committed,
        Dictionary<(GrainId, string), int> stateKeys, long[] foundVersions)
    {
        var results = new GrainWriteResult[plan.Writes.Count];
        foreach (var planned in plan.Writes)
        {
            if (committed.TryGetValue(planned.Index, out var version))
            {
                results[planned.Index] = GrainWriteResult.Success(version);
                continue;
            }

            var state = planned.Write.State!;
            var key = (planned.Write.GrainId, state.StateName);
            long? found = null;
            foreach (var other in plan.Writes)
            {
                if (other.Write.State is not { } otherState || (other.Write.GrainId, otherState.StateName) != key
                    || !committed.TryGetValue(other.Index, out var otherVersion)) continue;
                if (other.Index < planned.Index) found = otherVersion;
                else if (found is null) { found = otherState.ExpectedVersion; break; }
                else break;
            }

            results[planned.Index] = GrainWriteResult.Conflict(found ?? foundVersions[stateKeys[key]]);
        }

        return results;
    }

    private static Dictionary<(GrainId, string), int> StateKeys(CommitPlan plan)
    {
        var keys = new Dictionary<(GrainId, string), int>();
        foreach (var planned in plan.Writes)
            if (planned.Write.State is { } state)
                keys.TryAdd((planned.Write.GrainId, state.StateName), keys.Count);
        return keys;
    }

    /// <summary>Adds the row-locking statements; returns how many.</summary>
    private int AddLocks(NpgsqlBatch batch, CommitPlan plan)
    {
        var statements = 0;
        var states = plan.Writes
            .Where(p => p.Write.State is { ExpectedVersion: > 0 })
            .Select(p => (p.Write.GrainId, p.Write.State!.StateName))
            .Distinct().ToList();
        if (states.Count > 0)
        {
            batch.BatchCommands.Add(KeyCommand(_lockStatesSql, states));
            statements++;
        }

        var timers = plan.Writes.SelectMany(p => p.Timers.Select(t => (p.Write.GrainId, t.Name))).Distinct().ToList();
        if (timers.Count > 0)
        {
            batch.BatchCommands.Add(KeyCommand(_lockTimersSql, timers));
            statements++;
        }

        return statements;
    }

    private static NpgsqlBatchCommand KeyCommand(string sql, List<(GrainId GrainId, string Name)> keys)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.GrainId.Type).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.GrainId.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.Name).ToArray()));
        return command;
    }

    private NpgsqlBatchCommand RoundCommand(IReadOnlyList<PlannedWrite> round, DateTime now)
    {
        var count = round.Count;
        var index = new int[count];
        var types = new string[count];
        var keys = new string[count];
        var hashes = new long[count];
        var stateNames = new string?[count];
        var payloads = new string?[count];
        var expected = new long[count];
        var timerWrites = new List<int>();
        var timerNames = new List<string>();
        var timerDue = new List<DateTime?>();
        var timerPeriods = new List<long?>();

        for (var i = 0; i < count; i++)
        {
            var (planned, write) = (round[i], round[i].Write);
            index[i] = planned.Index;
            types[i] = write.GrainId.Type;
            keys[i] = write.GrainId.Key;
            hashes[i] = write.GrainId.GetUniformHash();
            stateNames[i] = write.State?.StateName;
            payloads[i] = write.State?.Payload is { } payload ? Encoding.UTF8.GetString(payload) : null;
            expected[i] = write.State?.ExpectedVersion ?? 0;
            foreach (var timer in planned.Timers)
            {
                timerWrites.Add(planned.Index);
                timerNames.Add(timer.Name);
                timerDue.Add(timer is TimerUpsert upsert ? PostgresDatabase.Utc(upsert.DueAt) : null);
                timerPeriods.Add(timer is TimerUpsert { Period: { } period } ? PeriodMilliseconds(period) : null);
            }
        }

        var command = new NpgsqlBatchCommand(_roundSql);
        command.Parameters.Add(PostgresDatabase.Parameter(index));
        command.Parameters.Add(PostgresDatabase.Parameter(types));
        command.Parameters.Add(PostgresDatabase.Parameter(keys));
        command.Parameters.Add(PostgresDatabase.Parameter(hashes));
        command.Parameters.Add(PostgresDatabase.Parameter(stateNames));
        command.Parameters.Add(PostgresDatabase.Parameter(payloads));
        command.Parameters.Add(PostgresDatabase.Parameter(expected));
        command.Parameters.Add(PostgresDatabase.Parameter(timerWrites.ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timerNames.ToArray()));
        command.Parameters.Add(PostgresDatabase.TimestampTzArray(timerDue.ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(timerPeriods.ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(now));
        return command;
    }

    private NpgsqlBatchCommand ReadVersionsCommand(Dictionary<(GrainId GrainId, string StateName), int> stateKeys)
    {
        var command = new NpgsqlBatchCommand(_readVersionsSql);
        command.Parameters.Add(PostgresDatabase.Parameter(stateKeys.Values.ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(stateKeys.Keys.Select(k => k.GrainId.Type).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(stateKeys.Keys.Select(k => k.GrainId.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(stateKeys.Keys.Select(k => k.StateName).ToArray()));
        return command;
    }

    /// <summary>Periods are stored in whole milliseconds (the runtime truncates its times to milliseconds).</summary>
    internal static long PeriodMilliseconds(TimeSpan period) => period.Ticks / TimeSpan.TicksPerMillisecond;
}
