namespace OrderCluster.Runtime.Tests.Scheduling;

public sealed class TurnBasedExecutionTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RuntimeTestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_thousand_concurrent_callers_on_one_grain_observe_strictly_serialized_execution()
    {
        var grain = _silo.Grains.GetGrain<ISerialGrain>("hot");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await grain.EnterAsync(i);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(callers);

        var report = await grain.GetReportAsync();
        Assert.Equal(Enumerable.Range(0, 1000), results.Order());
        Assert.Equal(1000, report.Calls);
        Assert.Equal(1, report.MaxConcurrent);
        Assert.Equal(0, report.ForeignContinuations); // every continuation ran inside the activation
    }

    [Fact]
    public async Task Read_only_requests_interleave_with_each_other()
    {
        var grain = _silo.Grains.GetGrain<ISerialGrain>("readers");

        var readers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => grain.ReadTogetherAsync(3)));

        Assert.All(readers, r => Assert.Equal(3, r));
    }

    [Fact]
    public async Task An_always_interleave_request_runs_while_a_turn_is_in_progress()
    {
        var grain = _silo.Grains.GetGrain<ISerialGrain>("peek");
        var reader = grain.ReadTogetherAsync(2); // a read-only turn that waits for a second reader

        var insideDuringRead = await grain.PeekInsideAsync();
        var secondReader = await grain.ReadTogetherAsync(2);

        Assert.Equal(0, insideDuringRead);
        Assert.Equal(2, secondReader);
        Assert.Equal(2, await reader);
    }

    [Fact]
    public async Task Different_grains_run_in_parallel()
    {
        var grains = Enumerable.Range(0, 8).Select(i => _silo.Grains.GetGrain<ISerialGrain>($"parallel-{i}")).ToList();

        await Task.WhenAll(grains.SelectMany(g => Enumerable.Range(0, 50).Select(g.EnterAsync)));

        foreach (var g in grains)
        {
            var report = await g.GetReportAsync();
            Assert.Equal(50, report.Calls);
            Assert.Equal(1, report.MaxConcurrent);
        }
    }
}
