using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Storage;
using OrderCluster.Testing.Sqlite;

namespace OrderCluster.Runtime.Tests.State;

/// <summary>State behaviour through the runtime, on every storage provider.</summary>
public abstract class PersistentStateTests : SiloOnStorageTests
{
    protected override void Configure(TestSiloOptions options) => RuntimeTestSilo.AddTestGrains(options);

    [Fact]
    public async Task State_written_by_one_activation_is_read_by_the_next()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("persist");
        await counter.AddAsync(10);
        await counter.DeactivateAsync();
        await Eventually.TrueAsync(() => !Silo.Get<Catalog>().TryGet(new GrainId("counter", "persist"), out _), "deactivated");

        Assert.Equal(10, await counter.GetAsync());
        Assert.Equal(1, await counter.GetVersionAsync());
    }

    [Fact]
    public async Task State_survives_a_silo_restart_on_the_same_storage()
    {
        if (Storage == TestStorage.Memory) return; // memory storage does not outlive its silo, by design
        await Silo.Grains.GetGrain<ICounterGrain>("restart").AddAsync(7);

        await RestartSiloAsync();

        Assert.Equal(7, await Silo.Grains.GetGrain<ICounterGrain>("restart").GetAsync());
    }

    [Fact]
    public async Task Each_write_increments_the_version()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("versions");
        for (var i = 0; i < 5; i++) await counter.AddAsync(1);

        Assert.Equal(5, await counter.GetVersionAsync());
    }

    [Fact]
    public async Task Clearing_state_resets_it_and_keeps_the_version_counting()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("clear");
        await counter.AddAsync(4);
        await counter.ClearAsync();

        Assert.Equal(0, await counter.GetAsync());
        Assert.Equal(2, await counter.GetVersionAsync());
        Assert.Equal(1, await counter.AddAsync(1));
        Assert.Equal(3, await counter.GetVersionAsync());
    }

    [Fact]
    public async Task A_write_that_lost_a_version_race_throws_the_typed_exception_and_the_grain_reloads()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("raced");
        await counter.AddAsync(1); // version 1
        // Someone else writes version 2 behind the activation's back (as a duplicate activation would).
        var store = Silo.Get<IGrainStateStore>();
        var result = (await store.CommitAsync([GrainWrite.ForState(new GrainId("counter", "raced"),
            new StateChange("counter", """{"value":100}"""u8.ToArray(), 1))], default))[0];
        Assert.True(result.Committed);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => counter.AddAsync(1));
        await Eventually.TrueAsync(() => !Silo.Get<Catalog>().TryGet(new GrainId("counter", "raced"), out _), "the conflicted activation deactivates");

        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.StoredVersion);
        Assert.Equal(101, await counter.AddAsync(1)); // the new activation started from the winner's state
    }

    [Fact]
    public async Task Overlapping_writes_of_a_reentrant_grain_are_serialized_and_none_is_lost()
    {
        var grain = Silo.Grains.GetGrain<IReentrantCounterGrain>("overlap");

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => grain.AddAsync(1)));

        var stored = await Silo.Get<IGrainStateStore>().ReadStateAsync(new GrainId("reentrant-counter", "overlap"), "counter", default);
        Assert.Equal(100, System.Text.Json.JsonDocument.Parse(stored!.Payload!).RootElement.GetProperty("value").GetInt32());
        Assert.Equal(100, stored.Version); // every write committed, one after another
    }

    [Fact]
    public async Task Concurrent_writes_to_many_grains_lose_nothing_and_end_at_the_right_versions()
    {
        const int grains = 100_000;
        var keys = Enumerable.Range(0, grains).Select(i => $"many-{i}").ToArray();

        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 256 },
            async (key, _) => await Silo.Grains.GetGrain<ICounterGrain>(key).AddAsync(key.Length));
        await Parallel.ForEachAsync(keys.Where((_, i) => i % 10 == 0), new ParallelOptions { MaxDegreeOfParallelism = 256 },
            async (key, _) => await Silo.Grains.GetGrain<ICounterGrain>(key).AddAsync(1));

        var store = Silo.Get<IGrainStateStore>();
        var wrong = 0;
        await Parallel.ForEachAsync(keys.Select((k, i) => (k, i)), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (item, ct) =>
        {
            var stored = await store.ReadStateAsync(new GrainId("counter", item.k), "counter", ct);
            var expectedVersion = item.i % 10 == 0 ? 2 : 1;
            var expectedValue = item.k.Length + (item.i % 10 == 0 ? 1 : 0);
            var value = stored?.Payload is { } p ? System.Text.Json.JsonDocument.Parse(p).RootElement.GetProperty("value").GetInt32() : -1;
            if (stored?.Version != expectedVersion || value != expectedValue) Interlocked.Increment(ref wrong);
        });
        Assert.Equal(0, wrong);
    }
}

public sealed class MemoryPersistentStateTests : PersistentStateTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqlitePersistentStateTests(SqliteDatabaseFixture sqlite) : PersistentStateTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresPersistentStateTests : PersistentStateTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
