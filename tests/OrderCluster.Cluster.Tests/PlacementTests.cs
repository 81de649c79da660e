namespace OrderCluster.Cluster.Tests;

public sealed class PlacementTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Every_silo_sees_the_same_ring_and_each_grain_is_activated_on_exactly_one_silo()
    {
        var keys = Enumerable.Range(0, 300).Select(i => $"placed-{i}").ToList();
        var silos = _cluster.Silos;

        // Call every grain from every silo: each call must reach the one activation its owner holds.
        foreach (var silo in silos)
            await Parallel.ForEachAsync(keys, async (key, _) => await silo.Grains.GetGrain<ICounterGrain>(key).AddAsync(1));

        foreach (var key in keys)
        {
            var id = new GrainId("counter", key);
            var holders = silos.Where(s => s.HasActivation(id)).ToList();
            Assert.Single(holders);
            Assert.Equal(3, await silos[0].Grains.GetGrain<ICounterGrain>(key).GetAsync());
        }

        Assert.All(silos, s => Assert.True(s.ActivationCount > 30, $"{s} holds {s.ActivationCount} of 300: the ring spreads grains"));
    }

    [Fact]
    public async Task A_grain_exception_thrown_on_another_silo_reaches_the_caller_with_its_type_and_message()
    {
        var (caller, key) = FindRemoteKey("thrower");

        var error = await Assert.ThrowsAsync<OrderRuleException>(() => caller.Grains.GetGrain<IBehaviourGrain>(key).ThrowAsync("no stock"));

        Assert.Equal("no stock", error.Message);
    }

    [Fact]
    public async Task Mutable_arguments_and_results_cross_silos_intact()
    {
        var (caller, key) = FindRemoteKey("copier");
        var numbers = new List<int> { 1, 2, 3 };

        var returned = await caller.Grains.GetGrain<IBehaviourGrain>(key).MutateAsync(numbers);

        Assert.Equal([1, 2, 3], numbers);
        Assert.Equal([1, 2, 3, -1], returned);
    }

    /// <summary>A silo and a key of a grain that silo does not own, so the call crosses the network.</summary>
    private (TestClusterSilo Caller, string Key) FindRemoteKey(string prefix)
    {
        var caller = _cluster.Silos[0];
        var ring = caller.Services.GetService(typeof(Runtime.Placement.IClusterView)) as Runtime.Placement.IClusterView;
        for (var i = 0; ; i++)
        {
            var key = $"{prefix}-{i}";
            if (!ring!.Ring.OwnerOf(new GrainId("behaviour", key))!.Equals(caller.Address)) return (caller, key);
        }
    }
}
