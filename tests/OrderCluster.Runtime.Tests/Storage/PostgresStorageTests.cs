using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Memory;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Runtime.Storage.Postgres.Schema;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>What only the PostgreSQL provider has: its migrations, jsonb payloads, its registration and options.</summary>
public sealed class PostgresStorageTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static int _schemas;
    private readonly List<IAsyncDisposable> _disposables = [];
    private NpgsqlDataSource _admin = null!;

    public Task InitializeAsync()
    {
        _admin = NpgsqlDataSource.Create(fixture.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables) await disposable.DisposeAsync();
        await _admin.DisposeAsync();
    }

    [Fact]
    public async Task Initializing_records_each_migration_once_and_logs_only_what_it_applied()
    {
        var schema = NewSchema();
        var logs = new CollectingLoggerProvider();
        var store = NewStore(schema, logs);

        await store.InitializeAsync(CancellationToken.None);
        var afterFirst = await MigrationsAsync(schema);
        await store.InitializeAsync(CancellationToken.None);
        var afterSecond = await MigrationsAsync(schema);

        Assert.Equal(PostgresMigrations.All.Select(m => m.Id), afterFirst.Select(m => m.Id));
        Assert.Equal(afterFirst, afterSecond); // nothing re-applied: same rows, same times
        Assert.Equal(PostgresMigrations.All.Count, logs.Entries.Count(e => e.EventId.Id == 4100));
    }

    [Fact]
    public async Task A_database_migrated_by_an_older_version_gets_only_the_missing_migrations_and_keeps_its_data()
    {
        var schema = NewSchema();
        var store = NewStore(schema);
        await new PostgresMigrator(store.Database, NullLogger.Instance, TimeProvider.System)
            .MigrateAsync(PostgresMigrations.All.Take(1).ToList(), CancellationToken.None);
        var before = await MigrationsAsync(schema);
        await using (var seed = _admin.CreateCommand(
            $"INSERT INTO {schema}.grain_state VALUES ('order', '1', 'state', '{{\"n\":1}}', 1, now())"))
            await seed.ExecuteNonQueryAsync();

        await store.InitializeAsync(CancellationToken.None);
        var after = await MigrationsAsync(schema);
        var results = await store.CommitAsync(
            [new GrainWrite(new GrainId("order", "1"), new StateChange("state", Encoding.UTF8.GetBytes("""{"n":2}"""), 1),
                [new TimerUpsert("sla", DateTimeOffset.UnixEpoch, null)])], CancellationToken.None);

        Assert.Equal([1], before.Select(m => m.Id));
        Assert.Equal(PostgresMigrations.All.Select(m => m.Id), after.Select(m => m.Id));
        Assert.Equal(before[0], after[0]);
        Assert.Equal([GrainWriteResult.Success(2)], results);
        Assert.Single(await store.ListAsync(new GrainId("order", "1"), CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_that_fails_part_way_applies_nothing_and_leaves_its_connection_usable()
    {
        var schema = NewSchema();
        var onePooledConnection = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        var store = new PostgresGrainStore(new PostgresStorageOptions { ConnectionString = onePooledConnection, Schema = schema },
            NullLoggerFactory.Instance, TimeProvider.System);
        _disposables.Add(store);
        await store.InitializeAsync(CancellationToken.None);

        var failure = await Record.ExceptionAsync(() => store.CommitAsync(
        [
            new GrainWrite(new GrainId("order", "1"), new StateChange("state", Encoding.UTF8.GetBytes("""{"n":1}"""), 0),
                [new TimerUpsert("sla", DateTimeOffset.UnixEpoch, null)]),
            GrainWrite.ForState(new GrainId("order", "2"), new StateChange("state", Encoding.UTF8.GetBytes("{not json"), 0)),
        ], CancellationToken.None));
        // The only connection of the pool is the one the failed batch used.
        var next = await store.CommitAsync(
            [GrainWrite.ForState(new GrainId("order", "3"), new StateChange("state", Encoding.UTF8.GetBytes("{}"), 0))], CancellationToken.None);

        Assert.IsType<PostgresException>(failure);
        Assert.Null(await store.ReadStateAsync(new GrainId("order", "1"), "state", CancellationToken.None));
        Assert.Empty(await store.ListAsync(new GrainId("order", "1"), CancellationToken.None));
        Assert.Equal([GrainWriteResult.Success(1)], next);
    }

    [Fact]
    public async Task Stores_in_different_schemas_of_one_database_do_not_see_each_other()
    {
        var first = NewStore(NewSchema());
        var second = NewStore(NewSchema());
        await Task.WhenAll(first.InitializeAsync(CancellationToken.None), second.InitializeAsync(CancellationToken.None));
        var grain = new GrainId("order", "1");

        await first.CommitAsync([GrainWrite.ForState(grain, new StateChange("state", Encoding.UTF8.GetBytes("""{"in":"first"}"""), 0))],
            CancellationToken.None);

        Assert.NotNull(await first.ReadStateAsync(grain, "state", CancellationToken.None));
        Assert.Null(await second.ReadStateAsync(grain, "state", CancellationToken.None));
    }

    [Fact]
    public async Task Payloads_are_stored_as_jsonb_documents_the_database_can_query()
    {
        var schema = NewSchema();
        var store = NewStore(schema);
        await store.InitializeAsync(CancellationToken.None);

        await store.CommitAsync([GrainWrite.ForState(new GrainId("order", "1"),
            new StateChange("state", Encoding.UTF8.GetBytes("""{"status":"shipped","lines":[{"qty":2}]}"""), 0))], CancellationToken.None);
        await using var query = _admin.CreateCommand(
            $"SELECT jsonb_typeof(payload), payload->>'status', (payload->'lines'->0->>'qty')::int FROM {schema}.grain_state");
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(("object", "shipped", 2), (reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
    }

    [Fact]
    public async Task The_registration_serves_every_interface_with_one_instance_and_replaces_an_earlier_provider()
    {
        var services = new ServiceCollection()
            .AddSingleton<IGrainStateStore, MemoryGrainStore>()
            .AddSingleton<IStreamStore, MemoryGrainStore>()
            .AddPostgresStorage(fixture.ConnectionString, options => options.Schema = NewSchema());
        await using var provider = services.BuildServiceProvider();

        var state = provider.GetRequiredService<IGrainStateStore>();
        var timers = provider.GetRequiredService<IDurableTimerStore>();
        var streams = provider.GetRequiredService<IStreamStore>();

        Assert.IsType<PostgresGrainStore>(state);
        Assert.Same(state, timers);
        Assert.Same(((PostgresGrainStore)state).Streams, streams);
        Assert.Single(provider.GetServices<IGrainStateStore>());
        Assert.Single(provider.GetServices<IStreamStore>());
    }

    [Fact]
    public async Task A_batch_with_events_that_fails_part_way_applies_nothing_and_takes_no_sequence_or_position()
    {
        var schema = NewSchema();
        var store = NewStore(schema);
        await store.InitializeAsync(CancellationToken.None);
        var stream = new StreamId("orders", "order-1");
        StreamAppend Event(string json) => new(stream, 2, "changed", json, DateTimeOffset.UnixEpoch);

        var failure = await Record.ExceptionAsync(() => store.CommitAsync(
        [
            new GrainWrite(new GrainId("order", "1"), new StateChange("state", Encoding.UTF8.GetBytes("{}"), 0), []) { Events = [Event("""{"n":1}""")] },
            new GrainWrite(new GrainId("order", "2"), null, []) { Events = [Event("{not json")] },
        ], CancellationToken.None));
        var next = await store.CommitAsync(
            [new GrainWrite(new GrainId("order", "1"), new StateChange("state", Encoding.UTF8.GetBytes("{}"), 0), []) { Events = [Event("""{"n":2}""")] }],
            CancellationToken.None);

        Assert.IsType<PostgresException>(failure);
        var committed = Assert.Single(next);
        Assert.Equal((true, 1L), (committed.Committed, committed.Version));
        Assert.Equal([1L], committed.Sequences);
        Assert.Equal(new Dictionary<int, long> { [2] = 1 }, await store.Streams.ReadHeadsAsync(CancellationToken.None));
        Assert.Equal([1L], (await store.Streams.ReadAsync(2, 0, null, null, 10, CancellationToken.None)).Select(e => e.Position));
    }

    [Fact]
    public async Task Event_payloads_are_stored_as_jsonb_documents_the_database_can_query()
    {
        var schema = NewSchema();
        var store = NewStore(schema);
        await store.InitializeAsync(CancellationToken.None);

        await store.CommitAsync([new GrainWrite(new GrainId("order", "1"), null, [])
            { Events = [new StreamAppend(new StreamId("orders", "1"), 0, "shipped", """{"status":"shipped","lines":[{"qty":2}]}""", DateTimeOffset.UnixEpoch)] }],
            CancellationToken.None);
        await using var query = _admin.CreateCommand(
            $"SELECT jsonb_typeof(payload), payload->>'status', (payload->'lines'->0->>'qty')::int FROM {schema}.stream_event");
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(("object", "shipped", 2), (reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
    }

    [Theory]
    [InlineData("", null, 30, "PostgresStorageOptions.ConnectionString")]
    [InlineData("Host=127.0.0.1;Nonsense Setting=1", null, 30, "PostgresStorageOptions.ConnectionString")]
    [InlineData("Host=127.0.0.1", "Order-Cluster", 30, "PostgresStorageOptions.Schema")]
    [InlineData("Host=127.0.0.1", "", 30, "PostgresStorageOptions.Schema")]
    [InlineData("Host=127.0.0.1", null, 0, "PostgresStorageOptions.CommandTimeout")]
    public void A_bad_setting_fails_with_its_name(string connectionString, string? schema, int commandTimeoutSeconds, string setting)
    {
        using var provider = new ServiceCollection()
            .AddPostgresStorage(connectionString, options =>
            {
                options.Schema = schema ?? options.Schema;
                options.CommandTimeout = TimeSpan.FromSeconds(commandTimeoutSeconds);
            })
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IGrainStateStore>());

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var options = new PostgresStorageOptions();

        Assert.Equal("ordercluster", options.Schema);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CommandTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.SlowCommitThreshold);
        Assert.Equal(32, options.MaxAutoPrepare);
        Assert.True(options.PreferIndexPlans);
    }

    [Theory]
    [InlineData("", true, "off", "4MB")]
    [InlineData(";Options=-c work_mem=8MB -c enable_seqscan=on", true, "on", "8MB")] // the connection string's options win
    [InlineData("", false, "on", "4MB")]
    public async Task The_stores_sessions_prefer_index_plans_unless_told_otherwise(string extra, bool preferIndexPlans,
        string seqScan, string workMem)
    {
        var store = new PostgresGrainStore(new PostgresStorageOptions
        {
            ConnectionString = fixture.ConnectionString + extra, Schema = NewSchema(), PreferIndexPlans = preferIndexPlans,
        }, NullLoggerFactory.Instance, TimeProvider.System);
        _disposables.Add(store);

        await using var command = store.Database.DataSource.CreateCommand(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_mergejoin'), current_setting('enable_hashjoin'), current_setting('work_mem')");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.Equal((seqScan, preferIndexPlans ? "off" : "on", "on", workMem),
            (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(";No Reset On Close=false", false)]
    public void Pooled_connections_are_not_reset_between_uses_unless_the_connection_string_asks(string extra, bool expected)
    {
        var store = new PostgresGrainStore(new PostgresStorageOptions { ConnectionString = fixture.ConnectionString + extra },
            NullLoggerFactory.Instance, TimeProvider.System);
        _disposables.Add(store);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(store.Database.DataSource.ConnectionString).NoResetOnClose);
    }

    [Theory]
    [InlineData("", 32)]
    [InlineData(";Max Auto Prepare=0", 0)]
    [InlineData(";MaxAutoPrepare=5", 5)]
    public void Automatic_preparation_defaults_to_the_option_unless_the_connection_string_sets_it(string extra, int expected)
    {
        var store = new PostgresGrainStore(new PostgresStorageOptions { ConnectionString = fixture.ConnectionString + extra },
            NullLoggerFactory.Instance, TimeProvider.System);
        _disposables.Add(store);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(store.Database.DataSource.ConnectionString).MaxAutoPrepare);
    }

    private string NewSchema() => $"specific_{Interlocked.Increment(ref _schemas)}";

    private PostgresGrainStore NewStore(string schema, ILoggerProvider? logs = null)
    {
        var loggerFactory = logs is null ? NullLoggerFactory.Instance : LoggerFactory.Create(builder => builder.AddProvider(logs));
        var store = new PostgresGrainStore(new PostgresStorageOptions { ConnectionString = fixture.ConnectionString, Schema = schema },
            loggerFactory, TimeProvider.System);
        _disposables.Add(store);
        return store;
    }

    private async Task<List<(int Id, string Description, DateTime AppliedAt)>> MigrationsAsync(string schema)
    {
        await using var command = _admin.CreateCommand($"SELECT id, description, applied_at FROM {schema}.schema_migrations ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, DateTime)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetDateTime(2)));
        return rows;
    }
}
