using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrderCluster.Runtime.Storage.Postgres.State;

/// <summary>
/// Reads grain state and commits batches of grain writes (state and timer changes together). A batch is one round trip
/// and one transaction (<see cref="CommitStatements"/>), stream events included; a conflict whose version the batch itself does not tell costs a
/// second round trip that reads it. A batch that PostgreSQL rolled back as a deadlock victim or on a serialization
/// failure applied nothing and is sent again, up to <see cref="MaxAttempts"/> times in all.
/// </summary>
internal sealed class PostgresStateCommands
{
    /// <summary>How many times a batch is sent before a deadlock or serialization failure is passed to the caller.</summary>
    internal const int MaxAttempts = 3;

    private readonly PostgresDatabase _database;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _slowCommitThreshold;
    private readonly CommitSqlText _sql;

    public PostgresStateCommands(PostgresDatabase database, ILogger logger, TimeProvider timeProvider, TimeSpan slowCommitThreshold)
    {
        _database = database;
        _logger = logger;
        _timeProvider = timeProvider;
        _slowCommitThreshold = slowCommitThreshold;
        _sql = new CommitSqlText(database);
    }

    public async Task<StoredGrainState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        await using var command = _database.CreateCommand(_sql.ReadState);
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
        var started = Stopwatch.GetTimestamp();
        GrainWriteResult[] results;
        try
        {
            var (committed, sequences) = await ExecuteAsync(plan, cancellationToken);
            results = await ResultsAsync(plan, committed, sequences, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PostgresLog.CommitFailed(_logger, e, writes.Count);
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed >= _slowCommitThreshold) PostgresLog.SlowCommit(_logger, writes.Count, plan.Rounds.Count, (long)elapsed.TotalMilliseconds);
        return results;
    }

    /// <summary>Sends the batch (again after a deadlock or serialization failure) and returns what committed.</summary>
    private async Task<(Dictionary<int, long> Versions, Dictionary<int, long[]> Sequences)> ExecuteAsync(CommitPlan plan,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = _timeProvider.GetUtcNow().UtcDateTime;
            await using var statements = CommitStatements.Create(_database.CreateBatch(), _sql, plan, now);
            try
            {
                return await statements.ExecuteAsync(cancellationToken);
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                PostgresLog.CommitRetried(_logger, e.SqlState, plan.Writes.Count, attempt);
            }
        }
    }

    /// <summary>
    /// One result per write. A conflict reports the version the write found: the one left by the last earlier write of
    /// the batch to the same state, else the one a later write of the batch found, else the version stored now (read in a
    /// second round trip, only for such conflicts; unknown if that read fails, as the batch itself has committed).
    /// </summary>
    private async Task<GrainWriteResult[]> ResultsAsync(CommitPlan plan, Dictionary<int, long> committed, Dictionary<int, long[]> sequences,
        CancellationToken cancellationToken)
    {
        var results = new GrainWriteResult[plan.Writes.Count];
        Dictionary<(GrainId GrainId, string StateName), List<int>>? unknown = null;
        foreach (var planned in plan.Writes)
        {
            if (committed.TryGetValue(planned.Index, out var version))
            {
                results[planned.Index] = GrainWriteResult.Success(version, sequences.GetValueOrDefault(planned.Index));
            }
            else if (FoundInBatch(plan, committed, planned) is { } found)
            {
                results[planned.Index] = GrainWriteResult.Conflict(found);
            }
            else
            {
                unknown ??= [];
                var key = (planned.Write.GrainId, planned.Write.State!.StateName);
                if (!unknown.TryGetValue(key, out var indexes)) unknown[key] = indexes = [];
                indexes.Add(planned.Index);
            }
        }

        if (unknown is null) return results;
        var keys = unknown.Keys.ToList();
        long[]? stored;
        try
        {
            stored = await ReadVersionsAsync(keys, cancellationToken);
        }
        catch (Exception e)
        {
            // The batch has committed: its results stand, these conflicts just cannot tell the version they found.
            PostgresLog.ConflictVersionsUnread(_logger, e, keys.Count);
            stored = null;
        }

        for (var i = 0; i < keys.Count; i++)
            foreach (var index in unknown[keys[i]])
                results[index] = GrainWriteResult.Conflict(stored?[i]);
        return results;
    }

    /// <summary>The version a conflicting write found, if another write of the batch to the same state tells it.</summary>
    private static long? FoundInBatch(CommitPlan plan, Dictionary<int, long> committed, PlannedWrite planned)
    {
        var key = (planned.Write.GrainId, planned.Write.State!.StateName);
        long? found = null;
        foreach (var other in plan.Writes)
        {
            if (other.Write.State is not { } otherState || (other.Write.GrainId, otherState.StateName) != key
                || !committed.TryGetValue(other.Index, out var otherVersion)) continue;
            if (other.Index < planned.Index) found = otherVersion;
            else return found ?? otherState.ExpectedVersion;
        }

        return found;
    }

    /// <summary>The stored version of each state (0 if never written), in the order of <paramref name="keys"/>.</summary>
    private async Task<long[]> ReadVersionsAsync(List<(GrainId GrainId, string StateName)> keys, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(_sql.ReadVersions);
        command.Parameters.Add(PostgresDatabase.Parameter(Enumerable.Range(0, keys.Count).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.GrainId.Type).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.GrainId.Key).ToArray()));
        command.Parameters.Add(PostgresDatabase.Parameter(keys.Select(k => k.StateName).ToArray()));
        var versions = new long[keys.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) versions[reader.GetInt32(0)] = reader.GetInt64(1);
        return versions;
    }
}
