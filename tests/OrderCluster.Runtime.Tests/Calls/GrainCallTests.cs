namespace OrderCluster.Runtime.Tests.Calls;

public sealed class GrainCallTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RuntimeTestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_call_activates_the_grain_and_returns_its_result()
    {
        var counter = _silo.Grains.GetGrain<ICounterGrain>("a");

        Assert.Equal(5, await counter.AddAsync(5));
        Assert.Equal(7, await counter.AddAsync(2));
        Assert.Equal(7, await _silo.Grains.GetGrain<ICounterGrain>("a").GetAsync());
    }

    [Fact]
    public async Task Grains_with_different_keys_are_different_actors()
    {
        await _silo.Grains.GetGrain<ICounterGrain>("x").AddAsync(1);
        await _silo.Grains.GetGrain<ICounterGrain>("y").AddAsync(10);

        Assert.Equal(1, await _silo.Grains.GetGrain<ICounterGrain>("x").GetAsync());
        Assert.Equal(10, await _silo.Grains.GetGrain<ICounterGrain>("y").GetAsync());
    }

    [Fact]
    public async Task A_grain_exception_reaches_the_caller_with_its_type_and_message()
    {
        var grain = _silo.Grains.GetGrain<IBehaviourGrain>("thrower");

        var error = await Assert.ThrowsAsync<OrderRuleException>(() => grain.ThrowAsync("credit limit exceeded"));

        Assert.Equal("credit limit exceeded", error.Message);
        Assert.Equal(0, await _silo.Grains.GetGrain<ICounterGrain>("after-throw").GetAsync()); // the silo keeps serving
    }

    [Fact]
    public async Task Mutable_arguments_and_results_are_copied_so_caller_and_grain_share_nothing()
    {
        var grain = _silo.Grains.GetGrain<IBehaviourGrain>("copier");
        var mine = new List<int> { 1, 2 };

        var returned = await grain.MutateAsync(mine);
        returned.Add(99);

        Assert.Equal([1, 2], mine); // the grain's Add(-1) happened on its own copy
        Assert.Equal([1, 2, -1, 1, 2, -1], await grain.GetKeptAsync()); // and our Add(99) on ours
    }

    [Fact]
    public async Task A_byte_array_argument_is_copied()
    {
        var payload = new byte[1024];
        payload[0] = 7;

        var echoed = await _silo.Grains.GetGrain<IBehaviourGrain>("echo").EchoAsync(payload);

        Assert.NotSame(payload, echoed);
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public async Task A_grain_can_call_another_grain()
    {
        var result = await _silo.Grains.GetGrain<IBehaviourGrain>("forwarder").ForwardAddAsync("target", 3);

        Assert.Equal(3, result);
        Assert.Equal(3, await _silo.Grains.GetGrain<ICounterGrain>("target").GetAsync());
    }

    [Fact]
    public async Task A_call_to_an_id_of_unknown_grain_type_fails_clearly()
    {
        var grain = _silo.Grains.GetGrain<ICounterGrain>(new GrainId("no-such-type", "1"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.GetAsync());

        Assert.Contains("no-such-type", error.Message);
    }
}
