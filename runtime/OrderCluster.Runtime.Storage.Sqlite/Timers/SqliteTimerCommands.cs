using Microsoft.Data.Sqlite;

namespace OrderCluster.Runtime.Storage.Sqlite.Timers;

/// <summary>Claims, settles, lists and counts durable timers. Changes go through the writer, one transaction per call.</summary>
internal sealed class SqliteTimerCommands(SqliteDatabase database)
{
    public Task<IReadOnlyList<DurableTimerRecord>> ClaimDueAsync(DateTimeOffset dueBefore, IReadOnlyList<HashRange> ranges,
        string leaseOwner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(leaseOwner);
        var merged = HashRange.Merge(ranges);
        if (limit <= 0 || merged.Count == 0) return Task.FromResult<IReadOnlyList<DurableTimerRecord>>([]);

        return database.WriteAsync<IReadOnlyList<DurableTimerRecord>>(transaction =>
        {
            var claimed = new List<DurableTimerRecord>();
            using (var reader = transaction.Query(SqliteTimerSql.Claim(merged.Count), ClaimParameters(dueBefore, merged, leaseOwner, now, leaseUntil, limit)))
            {
                while (reader.Read())
                {
                    claimed.Add(new DurableTimerRecord(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), ReadPeriod(reader, 4), reader.GetInt64(5)));
                }
            }

            // RETURNING has no order; the contract is earliest first.
            return claimed.OrderBy(t => t.DueAt).ToList();
        }, cancellationToken);
    }

    /// <summary>The claim's parameter values, in the order of <see cref="SqliteTimerSql.Claim"/>.</summary>
    internal static object?[] ClaimParameters(DateTimeOffset dueBefore, IReadOnlyList<HashRange> merged, string leaseOwner,
        DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        var values = new List<object?>
        {
            leaseOwner, leaseUntil.ToUnixTimeMilliseconds(), dueBefore.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(),
        };
        foreach (var range in merged)
        {
            values.Add((long)range.Start);
            values.Add((long)range.End);
        }

        values.Add(limit);
        return values.ToArray();
    }

    public Task AcknowledgeAsync(IReadOnlyList<TimerAcknowledgement> acknowledgements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        if (acknowledgements.Count == 0) return Task.CompletedTask;

        return database.WriteAsync(transaction =>
        {
            var versions = new TimerVersionCounter(transaction);
            foreach (var ack in acknowledgements)
            {
                var (type, key) = (ack.GrainId.Type, ack.GrainId.Key);
                if (ack.NextDueAt is { } next)
                {
                    var version = versions.Next();
                    if (transaction.Execute(SqliteTimerSql.MoveIfVersion, next.ToUnixTimeMilliseconds(), version, type, key, ack.Name, ack.Version) == 0)
                        versions.Unused(version);
                }
                else
                {
                    transaction.Execute(SqliteTimerSql.DeleteIfVersion, type, key, ack.Name, ack.Version);
                }
            }

            versions.Save();
            return true;
        }, cancellationToken);
    }

    public Task DeferAsync(IReadOnlyList<TimerAcknowledgement> timers, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        if (timers.Count == 0) return Task.CompletedTask;

        return database.WriteAsync(transaction =>
        {
            var until = retryAt.ToUnixTimeMilliseconds();
            foreach (var timer in timers)
                transaction.Execute(SqliteTimerSql.DeferIfVersion, until, timer.GrainId.Type, timer.GrainId.Key, timer.Name, timer.Version);
            return true;
        }, cancellationToken);
    }

    public Task ReleaseLeasesAsync(string? leaseOwner, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.Execute(SqliteTimerSql.Release, leaseOwner), cancellationToken);

    public Task<IReadOnlyList<DurableTimerRecord>> ListAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteTimerSql.List;
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        var timers = new List<DurableTimerRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            timers.Add(new DurableTimerRecord(grainId, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                ReadPeriod(reader, 2), reader.GetInt64(3)));
        }

        // SQLite's BINARY collation orders by UTF-8 bytes; the contract orders by UTF-16 (ordinal).
        return Task.FromResult<IReadOnlyList<DurableTimerRecord>>(timers.OrderBy(t => t.Name, StringComparer.Ordinal).ToList());
    }

    public Task<DurableTimerStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteTimerSql.Stats;
        using var reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new DurableTimerStats(reader.GetInt64(0),
            reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
    }

    private static TimeSpan? ReadPeriod(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(ordinal));
}
