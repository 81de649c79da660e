using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Runtime.Storage.Postgres.State;
using OrderCluster.Testing.Postgres;
using Xunit.Abstractions;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>
/// The hot PostgreSQL queries are index lookups even with many rows: checked with EXPLAIN on 200,000 future timers and
/// 50,000 states, for the plan made with the parameter values and for the generic plan a prepared statement ends up using.
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

    /// <summary>
    /// EXPLAIN of <paramref name="command"/> with its parameters. "auto" plans with the values (as a first execution
    /// does); "force_generic_plan" prepares the statement and explains the generic plan, with the values unknown to the
    /// planner, which Npgsql's automatic preparation leads PostgreSQL to use after a few executions. The statement runs
    /// on a session of <paramref name="sessions"/> (default: a plain one).
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
        await using var explain = new NpgsqlCommand(generic ? $"EXPLAIN EXECUTE explained ({nulls})" : "EXPLAIN " + command.CommandText, connection);
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

    /// <summary>A database with 200,000 timers due one per second from T0 on, and 50,000 states; filled once per class.</summary>
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
