using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Runtime.Storage.Postgres.State;
using OrderCluster.Runtime.Storage.Postgres.Streams;
using OrderCluster.Testing.Postgres;
using Xunit.Abstractions;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>
/// The hot PostgreSQL queries are index lookups even with many rows: checked with EXPLAIN on 200,000 future timers,
/// 50,000 states and 200,000 stream events, for the plan made with the parameter values and for the generic plan a prepared
/// statement ends up using.
/// </summary>
public sealed class PostgresQueryPlanTests(PostgresQueryPlanTests.PopulatedDatabase database, ITestOutputHelper output)
    : IClassFixture<PostgresQueryPlanTests.PopulatedDatabase>
{
    private static readonly DateTimeOffset T0 = new(2031, 3, 14, 9, 0, 0, TimeSpan.Zero);
    private PostgresGrainStore Store => database.Store;
    private NpgsqlDataSource Admin => database.Admin;

    [Theory]
    [InlineData("auto")]
    [InlineData("force_generic_plan")]
    public async Task The_claim_is_a_range_scan_of_the_due_time_index_not_a_table_scan(string planCacheMode)
    {
        IReadOnlyList<HashRange> ranges = [new(0, 1_000_000_000), new(2_000_000_000, 3_000_000_000), new(4_000_000_000, uint.MaxValue)];
        await using var claim = Store.Timers.CreateClaimCommand(T0.AddSeconds(100), ranges, "silo-a", T0.AddSeconds(100),
            T0.AddSeconds(160), 256);

        var plan = await ExplainAsync(claim, planCacheMode, "timestamptz, timestamptz, bigint[], bigint[], integer, text, timestamptz");

        Assert.Contains("Index Scan using durable_timer_due on durable_timer", plan);
        Assert.DoesNotContain("Seq Scan on durable_timer", plan);
        Assert.DoesNotContain("Sort", plan); // the index delivers due order; nothing sorts 200,000 rows
    }

    [Fact]
    public async Task Reading_a_state_and_listing_a_grains_timers_are_primary_key_lookups()
    {
        await using var read = Admin.CreateCommand("SELECT payload::text, version FROM plans.grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3");
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "order" });
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "o42" });
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "state" });
        await using var list = Admin.CreateCommand("SELECT name, due_at, period_ms, version FROM plans.durable_timer WHERE grain_type = $1 AND grain_key = $2 ORDER BY name");
        list.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "order" });
        list.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "o42" });

        var readPlan = await ExplainAsync(read, "auto");
        var listPlan = await ExplainAsync(list, "auto");

        Assert.Contains("Index Scan using grain_state_pk on grain_state", readPlan);
        Assert.Contains("Index Scan using durable_timer_pk on durable_timer", listPlan);
        Assert.DoesNotContain("Seq Scan", readPlan + listPlan);
    }

    [Theory]
    [InlineData(nameof(PostgresCommitSql.UpdateStates), "integer[], text[], text[], text[], text[], bigint[], timestamptz")]
    [InlineData(nameof(PostgresCommitSql.InsertStates), "text[], text[], text[], text[], timestamptz")]
    [InlineData(nameof(PostgresCommitSql.ChangeTimers), "text[], text[], bigint[], text[], timestamptz[], bigint[]")]
    [InlineData(nameof(PostgresCommitSql.LockTimers), "text[], text[], text[]")]
    [InlineData(nameof(PostgresCommitSql.Round),
        "integer[], text[], text[], bigint[], text[], text[], bigint[], integer[], text[], timestamptz[], bigint[], timestamptz")]
    [InlineData(nameof(PostgresCommitSql.RoundWithEvents),
        "integer[], text[], text[], bigint[], text[], text[], bigint[], integer[], text[], timestamptz[], bigint[], timestamptz, " +
        "integer[], text[], text[], integer[], text[], text[], timestamptz[]")]
    public async Task The_generic_plans_of_the_commit_statements_reach_rows_by_primary_key_only(string statement, string parameterTypes)
    {
        var sql = Store.Database.Sql((string)typeof(PostgresCommitSql).GetField(statement)!.GetValue(null)!);
        await using var command = new NpgsqlCommand(sql);
        for (var i = 0; i < parameterTypes.Split(',').Length; i++) command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value });

        var plan = await ExplainAsync(command, "force_generic_plan", parameterTypes, Store.Database.DataSource);

        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("Merge Join", plan);
        Assert.DoesNotContain("Index Scan using durable_timer_due", plan);
        if (plan.Contains("on grain_state")) Assert.Contains("grain_state_pk", plan);
        Assert.DoesNotContain("stream_event_created", plan);
    }

    [Fact]
    public async Task A_commit_prepared_while_the_table_was_nearly_empty_still_updates_by_primary_key_on_the_stores_sessions()
    {
        await using var young = new PostgresGrainStore(new PostgresStorageOptions { ConnectionString = database.ConnectionString, Schema = "young" },
            NullLoggerFactory.Instance, TimeProvider.System);
        await young.InitializeAsync(CancellationToken.None);
        await young.CommitAsync([.. Enumerable.Range(0, 3).Select(i =>
            GrainWrite.ForState(new GrainId("order", $"o{i}"), new StateChange("state", "{}"u8.ToArray(), 0)))], CancellationToken.None);
        await using var update = new NpgsqlCommand(young.Database.Sql(PostgresCommitSql.UpdateStates));
        for (var i = 0; i < 7; i++) update.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value });
        const string types = "integer[], text[], text[], text[], text[], bigint[], timestamptz";

        var onStoreSession = await ExplainAsync(update, "force_generic_plan", types, young.Database.DataSource);
        var onPlainSession = await ExplainAsync(update, "force_generic_plan", types, Admin);

        Assert.Contains("Index Scan using grain_state_pk on grain_state", onStoreSession);
        Assert.DoesNotContain("Seq Scan", onStoreSession);
        Assert.Contains("Seq Scan on grain_state", onPlainSession); // what the plan cache would keep once the table has grown
    }

    [Fact]
    public async Task Claiming_from_200000_pending_timers_takes_only_the_due_ones()
    {
        var claimed = await Store.ClaimDueAsync(T0.AddSeconds(100), HashRange.Everything, "silo-a", T0.AddSeconds(100),
            T0.AddSeconds(160), 1000, CancellationToken.None);

        Assert.Equal(100, claimed.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => T0.AddSeconds(i)), claimed.Select(t => t.DueAt));
    }

    [Theory]
    [InlineData("auto", false)]
    [InlineData("force_generic_plan", false)]
    [InlineData("auto", true)]
    [InlineData("force_generic_plan", true)]
    public async Task Reading_a_partition_is_a_range_scan_of_the_primary_key(string planCacheMode, bool filtered)
    {
        await using var read = Store.Streams.CreateReadCommand(3, 6000, filtered ? ["orders"] : null, filtered ? "s3" : null, 500);

        var plan = await ExplainAsync(read, planCacheMode, "integer, bigint, text[], text, integer", Store.Database.DataSource);

        Assert.Contains("stream_event_pk", plan);
        Assert.Contains("Index Cond: ((partition_id = ", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        if (planCacheMode == "force_generic_plan" || !filtered)
        {
            // The plan a prepared read keeps: the index delivers position order and the limit stops the scan. (With one
            // key's values known, the planner may instead intersect the range with that stream's entries and sort the few.)
            Assert.Contains("Index Scan using stream_event_pk on stream_event", plan);
            Assert.DoesNotContain("Sort", plan);
        }
    }

    [Fact]
    public async Task Reading_a_partition_returns_the_range_after_the_position_in_order()
    {
        var events = await Store.Streams.ReadAsync(3, 6000, ["orders"], null, 500, CancellationToken.None);

        Assert.Equal(500, events.Count);
        Assert.All(events, e => Assert.Equal((3, "orders"), (e.Partition, e.Stream.Namespace)));
        Assert.Equal(events.Select(e => e.Position).Order(), events.Select(e => e.Position));
        Assert.Equal(6001, events[0].Position);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("force_generic_plan")]
    public async Task Finding_an_event_is_a_lookup_of_the_unique_stream_index(string planCacheMode)
    {
        await using var find = Store.Streams.CreateFindCommand(new StreamId("orders", "s7"), 3);

        var plan = await ExplainAsync(find, planCacheMode, "text, text, bigint", Store.Database.DataSource);
        var found = await Store.Streams.FindAsync(new StreamId("orders", "s7"), 3, CancellationToken.None);

        Assert.Contains("Index Scan using stream_event_stream on stream_event", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Equal((4007 % 16, 4007 / 16 + 1L), found); // the third event of s7 is event 4007
    }

    [Fact]
    public async Task PositionsBefore_descends_the_creation_index_of_each_partition_and_reads_a_few_entries_not_whole_partitions()
    {
        await using var command = Store.Streams.CreatePositionsBeforeCommand(T0.AddSeconds(100_000));

        var plan = await ExplainAsync(command, "analyze", sessions: Store.Database.DataSource);
        var positions = await Store.Streams.PositionsBeforeAsync(T0.AddSeconds(100_000), CancellationToken.None);

        // One descent per partition to the latest event before the time, then the window's range of the same index.
        Assert.Contains("Index Only Scan Backward using stream_event_created on stream_event l", plan);
        Assert.Matches(@"(Index Only Scan using|Bitmap Index Scan on) stream_event_created", plan);
        Assert.Contains("Index Cond: ((partition_id = p.partition_id) AND (created_at < ", plan);
        Assert.DoesNotContain("stream_event_pk", plan);
        Assert.DoesNotContain("Seq Scan on stream_event", plan);
        // Each partition holds 12,500 events, 6,250 of them before the time; the window of a minute holds about 4.
        Assert.InRange(RowsRead(plan, "on stream_event"), 16, 16 * 20);
        Assert.Equal(Enumerable.Range(0, 16).ToDictionary(p => p, _ => 6250L), positions.OrderBy(p => p.Key).ToDictionary());
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("force_generic_plan")]
    public async Task Retention_deletes_through_an_index_range_of_the_partition(string planCacheMode)
    {
        await using var delete = new NpgsqlCommand(Store.Database.Sql(PostgresStreamSql.DeleteDelivered))
        {
            Parameters =
            {
                new NpgsqlParameter<int> { TypedValue = 5 }, new NpgsqlParameter<long> { TypedValue = 100 },
                new NpgsqlParameter<DateTime> { TypedValue = T0.UtcDateTime },
            },
        };

        var plan = await ExplainAsync(delete, planCacheMode, "integer, bigint, timestamptz", Store.Database.DataSource);

        // The position range of the primary key, or (when the time is the tighter bound) the time range of the creation index.
        Assert.Matches(@"Index Cond: \(\(partition_id = \S+\) AND \((""position"" <=|created_at <) ", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [Fact]
    public async Task Listing_a_rare_groups_dead_letters_reads_the_group_index()
    {
        await using var list = new NpgsqlCommand(Store.Database.Sql(PostgresStreamSql.ListGroupDeadLetters))
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = "rare" }, new NpgsqlParameter<int> { TypedValue = 50 } },
        };

        var plan = await ExplainAsync(list, "auto", sessions: Store.Database.DataSource);
        var letters = await Store.Streams.ListDeadLettersAsync("rare", 50, CancellationToken.None);

        Assert.Contains("Index Cond: (consumer_group = 'rare'::text)", plan);
        Assert.Contains("stream_dead_letter_group", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Equal(5, letters.Count);
        Assert.Equal(letters.Select(d => d.Id).Order(), letters.Select(d => d.Id));
    }

    /// <summary>The rows the plan nodes whose line contains <paramref name="on"/> returned, over all their loops (EXPLAIN ANALYZE).</summary>
    private static long RowsRead(string plan, string on) =>
        plan.Split('\n').Where(line => line.Contains(on, StringComparison.Ordinal))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"actual time=\S+ rows=(\d+) loops=(\d+)"))
            .Sum(m => long.Parse(m.Groups[1].Value) * long.Parse(m.Groups[2].Value));

    /// <summary>
    /// EXPLAIN of <paramref name="command"/> with its parameters. "auto" plans with the values (as a first execution
    /// does); "force_generic_plan" prepares the statement and explains the generic plan, with the values unknown to the
    /// planner, which Npgsql's automatic preparation leads PostgreSQL to use after a few executions; "analyze" runs it with
    /// the values and shows the rows each node returned. The statement runs on a session of <paramref name="sessions"/>
    /// (default: a plain one).
    /// </summary>
    private async Task<string> ExplainAsync(NpgsqlCommand command, string planCacheMode, string parameterTypes = "",
        NpgsqlDataSource? sessions = null)
    {
        await using var connection = await (sessions ?? Admin).OpenConnectionAsync();
        var generic = planCacheMode == "force_generic_plan";
        if (generic)
        {
            await ExecuteAsync(connection, $"PREPARE explained ({parameterTypes}) AS {command.CommandText}");
            await ExecuteAsync(connection, "SET plan_cache_mode = force_generic_plan");
        }

        // A generic plan does not depend on the values, so EXECUTE may pass nulls (EXPLAIN runs nothing).
        var nulls = string.Join(", ", Enumerable.Repeat("NULL", command.Parameters.Count));
        var prefix = planCacheMode == "analyze" ? "EXPLAIN (ANALYZE) " : "EXPLAIN ";
        await using var explain = new NpgsqlCommand(generic ? $"EXPLAIN EXECUTE explained ({nulls})" : prefix + command.CommandText, connection);
        if (!generic)
        {
            foreach (NpgsqlParameter parameter in command.Parameters) explain.Parameters.Add(parameter.Clone());
        }
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        }

        if (generic) await ExecuteAsync(connection, "DEALLOCATE explained; RESET plan_cache_mode"); // the store's sessions are not reset when pooled
        var plan = string.Join(Environment.NewLine, lines);
        output.WriteLine($"plan_cache_mode={planCacheMode}:{Environment.NewLine}{plan}");
        return plan;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A database with 200,000 timers due one per second from T0 on, 50,000 states, and 200,000 stream events (16
    /// partitions of 12,500, one event a second from T0 on, 2,000 streams in two namespaces) with 2,000 dead letters of
    /// 21 groups (one of them rare); filled once per class.
    /// </summary>
    public sealed class PopulatedDatabase : IAsyncLifetime
    {
        private readonly PostgresDatabaseFixture _database = new();

        internal PostgresGrainStore Store { get; private set; } = null!;

        public NpgsqlDataSource Admin { get; private set; } = null!;

        public string ConnectionString => _database.ConnectionString;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            Store = new PostgresGrainStore(new PostgresStorageOptions { ConnectionString = _database.ConnectionString, Schema = "plans" },
                NullLoggerFactory.Instance, TimeProvider.System);
            await Store.InitializeAsync(CancellationToken.None);
            Admin = NpgsqlDataSource.Create(_database.ConnectionString);
            await using var fill = Admin.CreateBatch();
            fill.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO plans.durable_timer (grain_type, grain_key, name, hash, due_at, period_ms, version)
                SELECT 'order', 'o' || i, 'sla', (i::bigint * 2654435761) % 4294967296, $1 + i * interval '1 second', NULL,
                       nextval('plans.durable_timer_version')
                FROM generate_series(1, 200000) AS i
                """) { Parameters = { new NpgsqlParameter<DateTime> { TypedValue = T0.UtcDateTime } } });
            fill.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO plans.grain_state (grain_type, grain_key, state_name, payload, version, updated_at)
                SELECT 'order', 'o' || i, 'state', jsonb_build_object('n', i), 1, $1
                FROM generate_series(1, 50000) AS i
                """) { Parameters = { new NpgsqlParameter<DateTime> { TypedValue = T0.UtcDateTime } } });
            fill.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO plans.stream_event (partition_id, position, namespace, stream_key, sequence, event_type, payload, created_at)
                SELECT i % 16, i / 16 + 1, CASE WHEN i % 5 = 0 THEN 'customers' ELSE 'orders' END, 's' || (i % 2000), i / 2000 + 1,
                       'changed', jsonb_build_object('n', i), $1 + i * interval '1 second'
                FROM generate_series(0, 199999) AS i
                """) { Parameters = { new NpgsqlParameter<DateTime> { TypedValue = T0.UtcDateTime } } });
            fill.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO plans.stream_partition (partition_id, last_position) SELECT p, 12500 FROM generate_series(0, 15) AS p"));
            fill.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO plans.stream_dead_letter (consumer_group, partition_id, position, namespace, stream_key, sequence, event_type,
                    payload, created_at, error, attempts, failed_at)
                SELECT CASE WHEN i % 400 = 0 THEN 'rare' ELSE 'group-' || (i % 20) END, i % 16, i, 'orders', 's' || i, 1, 'changed', '{}',
                       $1, 'failed', 5, $1
                FROM generate_series(1, 2000) AS i
                """) { Parameters = { new NpgsqlParameter<DateTime> { TypedValue = T0.UtcDateTime } } });
            fill.BatchCommands.Add(new NpgsqlBatchCommand("ANALYZE plans.stream_event"));
            fill.BatchCommands.Add(new NpgsqlBatchCommand("ANALYZE plans.stream_dead_letter"));
            fill.BatchCommands.Add(new NpgsqlBatchCommand("ANALYZE plans.durable_timer"));
            fill.BatchCommands.Add(new NpgsqlBatchCommand("ANALYZE plans.grain_state"));
            await fill.ExecuteNonQueryAsync();
        }

        public async Task DisposeAsync()
        {
            await Store.DisposeAsync();
            await Admin.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
