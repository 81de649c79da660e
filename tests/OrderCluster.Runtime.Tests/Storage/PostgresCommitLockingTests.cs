using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>
/// How PostgreSQL commit batches lock rows: in key order within each statement, so batches over the same rows never
/// deadlock each other (stream heads and partition rows too); and a batch that still becomes a deadlock victim (another client locking in its own order) is
/// sent again whole and commits.
/// </summary>
public sealed class PostgresCommitLockingTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private const int CommitRetriedEvent = 4112;
    private static int _schemas;
    private readonly CollectingLoggerProvider _logs = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private NpgsqlDataSource _admin = null!;
    private PostgresGrainStore _store = null!;
    private string _schema = null!;

    public async Task InitializeAsync()
    {
        _admin = NpgsqlDataSource.Create(fixture.ConnectionString);
        _schema = $"locking_{Interlocked.Increment(ref _schemas)}";
        _store = new PostgresGrainStore(new PostgresStorageOptions { ConnectionString = fixture.ConnectionString, Schema = _schema },
            LoggerFactory.Create(builder => builder.AddProvider(_logs)), TimeProvider.System);
        await _store.InitializeAsync(_timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _admin.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Concurrent_batches_writing_the_same_states_in_shuffled_orders_never_deadlock()
    {
        const int tasks = 8, batchesPerTask = 25;
        var grains = Enumerable.Range(0, 6).Select(i => new GrainId("order", $"shared-{i}")).ToList();
        await _store.CommitAsync([.. grains.Select(g => Write(g, 0))], _timeout.Token);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            var random = new Random(task);
            var committed = 0;
            for (var batch = 0; batch < batchesPerTask; batch++)
            {
                var writes = new List<GrainWrite>();
                foreach (var grain in grains.OrderBy(_ => random.Next()))
                    writes.Add(Write(grain, (await _store.ReadStateAsync(grain, "state", _timeout.Token))!.Version));
                committed += (await _store.CommitAsync(writes, _timeout.Token)).Count(r => r.Committed);
            }

            return committed;
        })));
        var versions = await Task.WhenAll(grains.Select(g => _store.ReadStateAsync(g, "state", _timeout.Token)));

        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == CommitRetriedEvent);
        Assert.Equal(grains.Count + outcomes.Sum(), versions.Sum(v => v!.Version)); // every committed write counted once
    }

    [Theory]
    [InlineData(false, false)] // only partition rows are shared
    [InlineData(false, true)] // stream heads (and partition rows) are shared
    [InlineData(true, true)] // state rows, stream heads and partition rows are shared
    public async Task Concurrent_batches_appending_events_in_shuffled_orders_never_deadlock(bool sharedStates, bool sharedStreams)
    {
        // Every batch locks state rows, then stream heads, then partition rows; each kind in key order, whatever order
        // the writes and their events come in.
        const int tasks = 8, batchesPerTask = 25, partitions = 6;
        var shared = Enumerable.Range(0, 6).Select(i => new GrainId("order", $"events-{i}")).ToList();
        await _store.CommitAsync([.. shared.Select(g => Write(g, 0))], _timeout.Token);

        var appended = await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            var random = new Random(task);
            var streams = Enumerable.Range(0, 6).Select(i => new StreamId("orders", sharedStreams ? $"s{i}" : $"s{task}-{i}")).ToList();
            var own = Enumerable.Range(0, 6).Select(i => new GrainId("order", $"events-{task}-{i}")).ToList();
            await _store.CommitAsync([.. own.Select(g => Write(g, 0))], _timeout.Token);
            var count = 0;
            for (var batch = 0; batch < batchesPerTask; batch++)
            {
                var writes = new List<GrainWrite>();
                foreach (var grain in (sharedStates ? shared : own).OrderBy(_ => random.Next()).Take(4))
                {
                    var version = (await _store.ReadStateAsync(grain, "state", _timeout.Token))!.Version;
                    writes.Add(Write(grain, version) with
                    {
                        Events = [.. streams.OrderBy(_ => random.Next()).Take(3).Select(s => new StreamAppend(s, random.Next(partitions), "e", "{}", DateTimeOffset.UnixEpoch))],
                    });
                }

                count += (await _store.CommitAsync(writes, _timeout.Token)).Where(r => r.Committed).Sum(r => r.Sequences!.Count);
            }

            return count;
        })));
        var heads = await _store.Streams.ReadHeadsAsync(_timeout.Token);

        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == CommitRetriedEvent);
        Assert.Equal(appended.Sum(), heads.Values.Sum()); // every appended event counted once
    }

    [Fact]
    public async Task A_batch_chosen_as_a_deadlock_victim_is_sent_again_whole_and_commits()
    {
        var (a, b) = (new GrainId("order", "a"), new GrainId("order", "b"));
        await _store.CommitAsync([Write(a, 0), Write(b, 0)], _timeout.Token);
        await using var other = await _admin.OpenConnectionAsync(_timeout.Token);
        await using var transaction = await other.BeginTransactionAsync(_timeout.Token);
        await ExecuteAsync(other, "SET LOCAL deadlock_timeout = '10min'"); // the store's session detects the deadlock first
        await ExecuteAsync(other, $"SELECT 1 FROM {_schema}.grain_state WHERE grain_key = 'b' FOR UPDATE");

        var commit = _store.CommitAsync([Write(b, 1), Write(a, 1)], _timeout.Token); // locks a (key order), then waits for b
        await WaitUntilASessionWaitsForALockAsync();
        // Closes the cycle: after deadlock_timeout the store's transaction is rolled back and this lock is granted.
        await ExecuteAsync(other, $"SELECT 1 FROM {_schema}.grain_state WHERE grain_key = 'a' FOR UPDATE");
        await transaction.CommitAsync(_timeout.Token);
        var results = await commit;

        Assert.Equal([GrainWriteResult.Success(2), GrainWriteResult.Success(2)], results);
        var retry = Assert.Single(_logs.Entries, e => e.EventId.Id == CommitRetriedEvent);
        Assert.Contains(PostgresErrorCodes.DeadlockDetected, retry.Message);
        Assert.Equal(2, (await _store.ReadStateAsync(a, "state", _timeout.Token))!.Version);
    }

    private static GrainWrite Write(GrainId grain, long expectedVersion) =>
        GrainWrite.ForState(grain, new StateChange("state", Encoding.UTF8.GetBytes($$"""{"after":{{expectedVersion}}}"""), expectedVersion));

    /// <summary>Polls the server's own view (a condition, not a guessed delay) until some session of this database waits for a row lock.</summary>
    private async Task WaitUntilASessionWaitsForALockAsync()
    {
        while (true)
        {
            await using var command = _admin.CreateCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if ((long)(await command.ExecuteScalarAsync(_timeout.Token))! > 0) return;
            await Task.Delay(10, _timeout.Token);
        }
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(_timeout.Token);
    }
}
