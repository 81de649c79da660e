using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Sqlite;
using OrderCluster.Runtime.Storage.Sqlite.Schema;
using OrderCluster.Runtime.Storage.Sqlite.Streams;
using OrderCluster.Runtime.Storage.Sqlite.Timers;
using OrderCluster.Testing.Sqlite;
using Xunit.Abstractions;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>What only the SQLite provider has: its file handling, WAL mode, migrations, query plans, registration and options.</summary>
public sealed class SqliteStorageTests(SqliteDatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteDatabaseFixture>, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2031, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
    }

    [Fact]
    public async Task Initializing_creates_the_file_and_its_missing_directories_in_WAL_mode()
    {
        var path = Path.Combine(fixture.Directory, "missing", "nested", "ordercluster.db");

        await NewStore(path).InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal("wal", Query(path, "PRAGMA journal_mode").Single()[0]);
    }

    [Fact]
    public async Task Initializing_records_each_migration_once_and_a_partly_migrated_file_gets_only_the_rest()
    {
        var path = fixture.NewDatabasePath();
        var store = NewStore(path);
        await new SqliteMigrator(store.Database, NullLogger.Instance, TimeProvider.System)
            .MigrateAsync(SqliteMigrations.All.Take(1).ToList(), CancellationToken.None);
        var partly = Query(path, "SELECT id, applied_at FROM schema_migrations ORDER BY id");

        await store.InitializeAsync(CancellationToken.None);
        var full = Query(path, "SELECT id, applied_at FROM schema_migrations ORDER BY id");
        await store.InitializeAsync(CancellationToken.None);
        var again = Query(path, "SELECT id, applied_at FROM schema_migrations ORDER BY id");

        Assert.Equal([1L], partly.Select(r => r[0]));
        Assert.Equal(SqliteMigrations.All.Select(m => (object?)(long)m.Id), full.Select(r => r[0]));
        Assert.Equal(partly[0], full[0]);
        Assert.Equal(full.Select(r => string.Join('|', r)), again.Select(r => string.Join('|', r)));
    }

    [Fact]
    public async Task The_claim_is_a_range_scan_of_the_due_time_index_with_200000_future_timers()
    {
        var path = fixture.NewDatabasePath();
        await NewStore(path).InitializeAsync(CancellationToken.None);
        Execute(path,
            $"""
             WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 200000)
             INSERT INTO durable_timer (grain_type, grain_key, name, hash, due_at, period_ms, version)
             SELECT 'order', 'o' || n, 'sla', (n * 2654435761) % 4294967296, {T0.ToUnixTimeMilliseconds()} + n * 1000, NULL, n FROM i;
             ANALYZE;
             """);
        IReadOnlyList<HashRange> ranges = [new(0, 1_000_000_000), new(2_000_000_000, 3_000_000_000), new(4_000_000_000, uint.MaxValue)];
        var parameters = SqliteTimerCommands.ClaimParameters(T0.AddSeconds(100), ranges, "silo-a", T0.AddSeconds(100), T0.AddSeconds(160), 256);

        var plan = Query(path, "EXPLAIN QUERY PLAN " + SqliteTimerSql.Claim(ranges.Count), parameters).Select(r => (string)r[3]!).ToList();
        output.WriteLine(string.Join(Environment.NewLine, plan));

        Assert.Contains(plan, step => step.StartsWith("SEARCH durable_timer USING INDEX durable_timer_due (due_at<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN durable_timer", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reading_a_state_and_listing_a_grains_timers_are_primary_key_lookups()
    {
        var path = fixture.NewDatabasePath();
        await NewStore(path).InitializeAsync(CancellationToken.None);

        var read = Query(path, "EXPLAIN QUERY PLAN SELECT payload, version FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $name",
            "order", "1", "state").Select(r => (string)r[3]!).ToList();
        var list = Query(path, "EXPLAIN QUERY PLAN SELECT name, due_at, period_ms, version FROM durable_timer WHERE grain_type = $type AND grain_key = $key ORDER BY name",
            "order", "1").Select(r => (string)r[3]!).ToList();

        Assert.Equal(["SEARCH grain_state USING PRIMARY KEY (grain_type=? AND grain_key=? AND state_name=?)"], read);
        Assert.Equal(["SEARCH durable_timer USING INDEX sqlite_autoindex_durable_timer_1 (grain_type=? AND grain_key=?)"], list);
    }

    [Fact]
    public async Task The_stream_queries_are_index_lookups_and_range_scans_with_200000_events()
    {
        var path = fixture.NewDatabasePath();
        await NewStore(path).InitializeAsync(CancellationToken.None);
        // 16 partitions of 12,500 events, one a second from T0 on, 2,000 streams in two namespaces.
        Execute(path,
            $"""
             WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 199999)
             INSERT INTO stream_event (partition_id, position, namespace, stream_key, sequence, event_type, payload, created_at)
             SELECT n % 16, n / 16 + 1, CASE WHEN n % 5 = 0 THEN 'customers' ELSE 'orders' END, 's' || (n % 2000), n / 2000 + 1,
                    'changed', json_object('n', n), {T0.ToUnixTimeMilliseconds()} + n * 1000 FROM i;
             INSERT INTO stream_partition (partition_id, last_position) SELECT DISTINCT partition_id, 12500 FROM stream_event;
             ANALYZE;
             """);

        List<string> Plan(string sql, params object?[] values)
        {
            var plan = Query(path, "EXPLAIN QUERY PLAN " + sql, values).Select(r => (string)r[3]!).ToList();
            output.WriteLine(string.Join(Environment.NewLine, plan.Prepend(sql)));
            return plan;
        }

        var read = Plan(SqliteStreamSql.Read, SqliteStreamCommands.ReadParameters(3, 6000, null, null, 500));
        var filtered = Plan(SqliteStreamSql.Read, SqliteStreamCommands.ReadParameters(3, 6000, ["orders"], "s3", 500));
        var find = Plan(SqliteStreamSql.Find, "orders", "s7", 3L);
        var before = Plan(SqliteStreamSql.PositionsBefore, SqliteStreamCommands.PositionsBeforeParameters(T0.AddSeconds(100_000)));
        var retention = Plan(SqliteStreamSql.DeleteDelivered, 5, 100L, T0.ToUnixTimeMilliseconds());

        foreach (var plan in new[] { read, filtered })
        {
            Assert.Contains("SEARCH stream_event USING PRIMARY KEY (partition_id=? AND position>?)", plan);
            Assert.DoesNotContain(plan, step => step.StartsWith("SCAN stream_event", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal)); // position order from the key
        }

        Assert.Equal(["SEARCH stream_event USING COVERING INDEX stream_event_stream (namespace=? AND stream_key=? AND sequence=?)"], find);
        Assert.Contains("SEARCH l USING COVERING INDEX stream_event_created (partition_id=? AND created_at<?)", before);
        Assert.Contains("SEARCH e USING COVERING INDEX stream_event_created (partition_id=? AND created_at>? AND created_at<?)", before);
        Assert.DoesNotContain(before, step => step.Contains("PRIMARY KEY", StringComparison.Ordinal) || step.StartsWith("SCAN e", StringComparison.Ordinal)
            || step.StartsWith("SCAN l", StringComparison.Ordinal));
        Assert.Single(retention, step => step.StartsWith("SEARCH stream_event USING", StringComparison.Ordinal) && step.Contains("(partition_id=? AND "));
        Assert.DoesNotContain(retention, step => step.StartsWith("SCAN stream_event", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_is_rolled_back_and_the_writer_keeps_working()
    {
        var path = fixture.NewDatabasePath();
        var store = NewStore(path);
        await store.InitializeAsync(CancellationToken.None);
        Execute(path, "ALTER TABLE durable_timer RENAME TO durable_timer_away"); // the timer change of the batch will fail

        var failure = await Record.ExceptionAsync(() => store.CommitAsync(
        [
            GrainWrite.ForState(new GrainId("order", "1"), new StateChange("state", "{}"u8.ToArray(), 0)),
            GrainWrite.ForTimer(new GrainId("order", "1"), new TimerUpsert("sla", T0, null)),
        ], CancellationToken.None));
        var stateAfterFailure = await store.ReadStateAsync(new GrainId("order", "1"), "state", CancellationToken.None);
        Execute(path, "ALTER TABLE durable_timer_away RENAME TO durable_timer");
        var retried = await store.CommitAsync(
        [
            GrainWrite.ForState(new GrainId("order", "1"), new StateChange("state", "{}"u8.ToArray(), 0)),
            GrainWrite.ForTimer(new GrainId("order", "1"), new TimerUpsert("sla", T0, null)),
        ], CancellationToken.None);

        Assert.IsType<SqliteException>(failure);
        Assert.Null(stateAfterFailure);
        Assert.Equal([GrainWriteResult.Success(1), GrainWriteResult.Success(0)], retried);
    }

    [Fact]
    public async Task The_registration_serves_every_interface_with_one_instance()
    {
        var path = fixture.NewDatabasePath();
        await using var provider = new ServiceCollection().AddSingleton<IStreamStore, Runtime.Storage.Memory.MemoryGrainStore>()
            .AddSqliteStorage($"Data Source={path}").BuildServiceProvider();

        var state = provider.GetRequiredService<IGrainStateStore>();

        Assert.IsType<SqliteGrainStore>(state);
        Assert.Same(state, provider.GetRequiredService<IDurableTimerStore>());
        Assert.Same(((SqliteGrainStore)state).Streams, provider.GetRequiredService<IStreamStore>());
        Assert.Single(provider.GetServices<IStreamStore>());
    }

    [Fact]
    public async Task A_batch_with_events_that_fails_part_way_is_rolled_back_with_its_sequences_and_positions()
    {
        var path = fixture.NewDatabasePath();
        var store = NewStore(path);
        await store.InitializeAsync(CancellationToken.None);
        var stream = new StreamId("orders", "order-1");
        var first = new GrainWrite(new GrainId("order", "1"), new StateChange("state", "{}"u8.ToArray(), 0), [])
            { Events = [new StreamAppend(stream, 2, "created", "{}", T0)] };
        var second = new GrainWrite(new GrainId("order", "2"), null, [new TimerUpsert("sla", T0, null)])
            { Events = [new StreamAppend(stream, 3, "changed", "{}", T0)] };
        Execute(path, "ALTER TABLE durable_timer RENAME TO durable_timer_away"); // the second write fails after the first appended

        var failure = await Record.ExceptionAsync(() => store.CommitAsync([first, second], CancellationToken.None));
        var headsAfterFailure = await store.Streams.ReadHeadsAsync(CancellationToken.None);
        Execute(path, "ALTER TABLE durable_timer_away RENAME TO durable_timer");
        var retried = await store.CommitAsync([first, second], CancellationToken.None);

        Assert.IsType<SqliteException>(failure);
        Assert.Empty(headsAfterFailure);
        Assert.Equal([[1L], [2L]], retried.Select(r => r.Sequences!.ToArray()));
        Assert.Equal(new Dictionary<int, long> { [2] = 1, [3] = 1 }, await store.Streams.ReadHeadsAsync(CancellationToken.None));
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var options = new SqliteStorageOptions();

        Assert.Equal("data/ordercluster.db", new SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
        Assert.Equal(SqliteSynchronousMode.Normal, options.Synchronous);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CommandTimeout);
    }

    [Fact]
    public async Task Full_synchronous_mode_commits_and_reads_back()
    {
        var path = fixture.NewDatabasePath();
        await using var provider = new ServiceCollection()
            .AddSqliteStorage($"Data Source={path}", options => options.Synchronous = SqliteSynchronousMode.Full).BuildServiceProvider();
        var store = provider.GetRequiredService<IGrainStateStore>();
        await store.InitializeAsync(CancellationToken.None);

        var result = await store.CommitAsync([GrainWrite.ForState(new GrainId("order", "1"), new StateChange("state", "{}"u8.ToArray(), 0))],
            CancellationToken.None);

        Assert.Equal([GrainWriteResult.Success(1)], result);
        Assert.Equal(1, (await store.ReadStateAsync(new GrainId("order", "1"), "state", CancellationToken.None))!.Version);
    }

    [Theory]
    [InlineData("", 5, "SqliteStorageOptions.ConnectionString")]
    [InlineData("Cache=Shared", 5, "SqliteStorageOptions.ConnectionString")]
    [InlineData("Data Source=x.db;Nonsense Setting=1", 5, "SqliteStorageOptions.ConnectionString")]
    [InlineData("Data Source=:memory:", 5, "SqliteStorageOptions.ConnectionString")]
    [InlineData("Data Source=shared;Mode=Memory", 5, "SqliteStorageOptions.ConnectionString")]
    [InlineData("Data Source=x.db", -1, "SqliteStorageOptions.BusyTimeout")]
    public void A_bad_setting_fails_with_its_name(string connectionString, int busyTimeoutSeconds, string setting)
    {
        using var provider = new ServiceCollection()
            .AddSqliteStorage(connectionString, options => options.BusyTimeout = TimeSpan.FromSeconds(busyTimeoutSeconds))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IGrainStateStore>());

        Assert.Contains(setting, error.Message);
    }

    private SqliteGrainStore NewStore(string path)
    {
        var store = new SqliteGrainStore(new SqliteStorageOptions { ConnectionString = $"Data Source={path}" }, NullLoggerFactory.Instance,
            TimeProvider.System);
        _disposables.Add(store);
        return store;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="sql"/> on its own connection; parameters bind in order of first appearance, as the store binds them.</summary>
    private static List<object?[]> Query(string path, string sql, params object?[] values)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = System.Text.RegularExpressions.Regex.Matches(sql, @"\$[A-Za-z0-9_]+").Select(m => m.Value).Distinct().ToList();
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue(names[i], values[i] ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }

        return rows;
    }
}
