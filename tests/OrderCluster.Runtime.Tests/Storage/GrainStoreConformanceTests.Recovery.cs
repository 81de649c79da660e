using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task Timers_claimed_by_a_crashed_store_are_claimed_by_a_new_store_once_the_lease_ends()
    {
        var database = await CreateDatabaseAsync();
        var crashed = await OpenInitializedAsync(database);
        foreach (var key in new[] { "a", "b", "c" }) await SetTimersAsync(crashed, Grain(key), new TimerUpsert("sla", T0, null));
        var claimedBeforeCrash = await ClaimAsync(crashed, T0, owner: "silo-a", lease: TimeSpan.FromMinutes(1));
        await crashed.DisposeAsync(); // no acknowledgement: the silo died while delivering

        var survivor = await OpenInitializedAsync(database);
        var duringLease = await ClaimAsync(survivor, T0.AddSeconds(30), owner: "silo-b");
        var afterLease = await ClaimAsync(survivor, T0.AddMinutes(1), owner: "silo-b");

        Assert.Equal(3, claimedBeforeCrash.Count);
        Assert.Empty(duringLease);
        Assert.Equal(claimedBeforeCrash.OrderBy(t => t.GrainId.Key).ToList(), afterLease.OrderBy(t => t.GrainId.Key).ToList());
    }

    [Fact]
    public async Task Timers_claimed_by_a_crashed_store_are_claimable_at_once_after_releasing_all_leases()
    {
        var database = await CreateDatabaseAsync();
        var crashed = await OpenInitializedAsync(database);
        foreach (var key in new[] { "a", "b" }) await SetTimersAsync(crashed, Grain(key), new TimerUpsert("sla", T0, null));
        Assert.Equal(2, (await ClaimAsync(crashed, T0, owner: "silo-a", lease: TimeSpan.FromHours(1))).Count);
        await crashed.DisposeAsync();

        var survivor = await OpenInitializedAsync(database);
        await survivor.Timers.ReleaseLeasesAsync(null, Ct);
        var reclaimed = await ClaimAsync(survivor, T0.AddSeconds(1), owner: "silo-b");

        Assert.Equal(["a", "b"], reclaimed.Select(t => t.GrainId.Key).Order());
    }

    [Fact]
    public async Task Committed_state_and_timers_are_there_for_the_next_store_instance()
    {
        var database = await CreateDatabaseAsync();
        var first = await OpenInitializedAsync(database);
        await WriteAsync(first, Grain("order-1"), """{"status":"shipped"}""", 0, new TimerUpsert("sla", T0, null));
        await first.DisposeAsync();

        var second = await OpenInitializedAsync(database);
        var stored = await second.State.ReadStateAsync(Grain("order-1"), "state", Ct);

        Assert.Equal(1, stored!.Version);
        AssertJson("""{"status":"shipped"}""", stored.Payload);
        Assert.Equal("sla", Assert.Single(await second.Timers.ListAsync(Grain("order-1"), Ct)).Name);
    }

    [Fact]
    public async Task Initializing_twice_is_harmless_and_keeps_the_data()
    {
        var store = await NewStoreAsync();
        await WriteAsync(store, Grain("order-1"), """{"n":1}""", 0, new TimerUpsert("sla", T0, null));

        await store.State.InitializeAsync(Ct);
        var result = await WriteAsync(store, Grain("order-1"), """{"n":2}""", 1);

        Assert.Equal(GrainWriteResult.Success(2), result);
        Assert.Single(await store.Timers.ListAsync(Grain("order-1"), Ct));
    }

    [Fact]
    public async Task Five_stores_initializing_one_fresh_database_at_once_all_succeed_and_share_it()
    {
        var database = await CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 5).Select(_ => Track(OpenStore(database))).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.State.InitializeAsync(Ct))));
        var written = await WriteAsync(stores[0], Grain("order-1"), """{"n":1}""", 0);
        var readElsewhere = await stores[4].State.ReadStateAsync(Grain("order-1"), "state", Ct);

        Assert.Equal(GrainWriteResult.Success(1), written);
        AssertJson("""{"n":1}""", readElsewhere!.Payload);
    }
}
