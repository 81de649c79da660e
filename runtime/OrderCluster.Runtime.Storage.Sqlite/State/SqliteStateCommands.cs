using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Storage.Sqlite.Streams;
using OrderCluster.Runtime.Storage.Sqlite.Timers;

namespace OrderCluster.Runtime.Storage.Sqlite.State;

/// <summary>
/// Reads grain state and commits batches of grain writes. A batch is one write transaction in which the writes are
/// applied one by one with prepared statements, so duplicates within a batch behave exactly as applied in order. A write's
/// stream events are appended right after its state change and timers, only if the state change applied.
/// </summary>
internal sealed class SqliteStateCommands(SqliteDatabase database, ILogger logger, TimeProvider timeProvider, TimeSpan slowCommitThreshold)
{
    private const string ReadStateSql =
        "SELECT payload, version FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name";

    private const string InsertStateSql =
        """
        INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at)
        VALUES ($type, $key, $name, $payload, 1, $now)
        ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
        """;

    private const string UpdateStateSql =
        """
        UPDATE grain_state SET payload = $payload, version = version + 1, updated_at = $now
        WHERE grain_type = $type AND grain_key = $key AND state_name = $name AND version = $expected
        """;

    private const string StoredVersionSql =
        "SELECT version FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name";

    private const string UpsertTimerSql =
        """
        INSERT INTO durable_timer (grain_type, grain_key, name, hash, due_at, period_ms, version, lease_owner, lease_until)
        VALUES ($type, $key, $name, $hash, $due, $period, $version, NULL, NULL)
        ON CONFLICT (grain_type, grain_key, name) DO UPDATE
        SET due_at = excluded.due_at, period_ms = excluded.period_ms, version = excluded.version,
            lease_owner = NULL, lease_until = NULL
        """;

    private const string DeleteTimerSql =
        "DELETE FROM durable_timer WHERE grain_type = $type AND grain_key = $key AND name = $name";

    public Task<StoredGrainState?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = ReadStateSql;
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", stateName);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return Task.FromResult<StoredGrainState?>(null);
        var payload = reader.IsDBNull(0) ? null : Encoding.UTF8.GetBytes(reader.GetString(0));
        return Task.FromResult<StoredGrainState?>(new StoredGrainState(payload, reader.GetInt64(1)));
    }

    public async Task<IReadOnlyList<GrainWriteResult>> CommitAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0) return [];
        for (var i = 0; i < writes.Count; i++)
        {
            if (writes[i] is null || writes[i].GrainId.IsDefault)
                throw new ArgumentException($"Write {i} of the batch is null or has no grain id.", nameof(writes));
            StreamEventAppender.Validate(writes[i].Events, i);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var results = await database.WriteAsync(transaction => Apply(transaction, writes), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= slowCommitThreshold) SqliteLog.SlowCommit(logger, writes.Count, (long)elapsed.TotalMilliseconds);
            return results;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SqliteLog.CommitFailed(logger, e, writes.Count);
            throw;
        }
    }

    private GrainWriteResult[] Apply(SqliteWriteTransaction transaction, IReadOnlyList<GrainWrite> writes)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var versions = new TimerVersionCounter(transaction);
        var events = new StreamEventAppender(transaction);
        var results = new GrainWriteResult[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            long committedVersion = 0;
            if (write.State is { } change)
            {
                if (!TryChangeState(transaction, write.GrainId, change, now))
                {
                    results[i] = GrainWriteResult.Conflict(StoredVersion(transaction, write.GrainId, change.StateName));
                    continue; // its timer changes go with the state change
                }

                committedVersion = change.ExpectedVersion + 1;
            }

            foreach (var timer in write.Timers ?? [])
                ApplyTimer(transaction, write.GrainId, timer, versions);
            results[i] = GrainWriteResult.Success(committedVersion, events.Append(write.Events));
        }

        versions.Save();
        events.Save();
        return results;
    }

    private static bool TryChangeState(SqliteWriteTransaction transaction, GrainId grainId, StateChange change, long now)
    {
        var payload = change.Payload is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        return change.ExpectedVersion switch
        {
            0 => transaction.Execute(InsertStateSql, grainId.Type, grainId.Key, change.StateName, payload, now) == 1,
            > 0 => transaction.Execute(UpdateStateSql, payload, now, grainId.Type, grainId.Key, change.StateName, change.ExpectedVersion) == 1,
            _ => false,
        };
    }

    private static long StoredVersion(SqliteWriteTransaction transaction, GrainId grainId, string stateName) =>
        transaction.Scalar(StoredVersionSql, grainId.Type, grainId.Key, stateName) is { } version ? Convert.ToInt64(version) : 0;

    private static void ApplyTimer(SqliteWriteTransaction transaction, GrainId grainId, TimerChange timer, TimerVersionCounter versions)
    {
        if (timer is TimerUpsert upsert)
        {
            transaction.Execute(UpsertTimerSql, grainId.Type, grainId.Key, upsert.Name, (long)grainId.GetUniformHash(),
                upsert.DueAt.ToUnixTimeMilliseconds(), upsert.Period is { } period ? (long?)(period.Ticks / TimeSpan.TicksPerMillisecond) : null, versions.Next());
        }
        else
        {
            transaction.Execute(DeleteTimerSql, grainId.Type, grainId.Key, timer.Name);
        }
    }
}
