using Npgsql;

namespace OrderCluster.Bench.Streams;

/// <summary>
/// The baseline for streams: producers insert into a plain events table, and as many pollers as the runtime has
/// partition readers each read their share ("id % pollers") after the last id they saw, every poll interval.
/// </summary>
internal sealed class PollingBaseline(NpgsqlDataSource data, int pollers, TimeSpan pollInterval, LatencyRecorder recorder)
{
    public async Task CreateAsync()
    {
        await using var command = data.CreateCommand(
            "CREATE TABLE IF NOT EXISTS bench_events (id bigserial PRIMARY KEY, stream text NOT NULL, payload jsonb NOT NULL, "
            + "created_at timestamptz NOT NULL DEFAULT clock_timestamp())");
        await command.ExecuteNonQueryAsync();
    }

    public async Task PublishAsync(IReadOnlyList<(string Stream, string Payload)> events)
    {
        await using var command = data.CreateCommand("INSERT INTO bench_events (stream, payload) SELECT * FROM unnest($1::text[], $2::jsonb[])");
        command.Parameters.AddWithValue(events.Select(e => e.Stream).ToArray());
        command.Parameters.AddWithValue(events.Select(e => e.Payload).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    public Task RunPollersAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, pollers).Select(p => PollAsync(p, stop)));

    private async Task PollAsync(int poller, CancellationToken stop)
    {
        try
        {
            await PollUntilStoppedAsync(poller, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping cancels whatever runs then: a query (PostgreSQL answers 57014) or the wait between polls.
        }
    }

    private async Task PollUntilStoppedAsync(int poller, CancellationToken stop)
    {
        long last;
        await using (var start = data.CreateCommand("SELECT coalesce(max(id), 0) FROM bench_events"))
            last = (long)(await start.ExecuteScalarAsync(stop))!;
        while (!stop.IsCancellationRequested)
        {
            var read = 0;
            await using (var command = data.CreateCommand(
                             "SELECT id, created_at FROM bench_events WHERE id > $1 AND id % $2 = $3 ORDER BY id LIMIT 500"))
            {
                command.Parameters.AddWithValue(last);
                command.Parameters.AddWithValue((long)pollers);
                command.Parameters.AddWithValue((long)poller);
                await using var reader = await command.ExecuteReaderAsync(stop);
                while (await reader.ReadAsync(stop))
                {
                    last = reader.GetInt64(0);
                    recorder.Record(reader.GetFieldValue<DateTimeOffset>(1), DateTimeOffset.UtcNow);
                    read++;
                }
            }

            if (read < 500) await Task.Delay(pollInterval, stop);
        }
    }
}
