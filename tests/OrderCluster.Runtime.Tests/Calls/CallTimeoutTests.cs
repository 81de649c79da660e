namespace OrderCluster.Runtime.Tests.Calls;

/// <summary>Deadlines: every call has one; passing it is a TimeoutException at the caller, never a retry.</summary>
public sealed class CallTimeoutTests
{
    [Fact]
    public async Task A_call_that_outlives_the_default_deadline_fails_with_TimeoutException()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o =>
        {
            o.Time = clock;
            o.Configuration["Runtime:CallTimeout"] = "00:00:05";
        });
        var call = silo.Grains.GetGrain<IBehaviourGrain>("slow").SlowAsync(2_000);

        clock.Advance(TimeSpan.FromSeconds(6)); // the grain is still sleeping in real time

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Contains("IBehaviourGrain.SlowAsync", error.Message);
    }

    [Fact]
    public async Task The_method_attribute_sets_a_shorter_deadline()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o => o.Time = clock);
        var call = silo.Grains.GetGrain<IBehaviourGrain>("slow").SlowWithShortDeadlineAsync(2_000);

        clock.Advance(TimeSpan.FromSeconds(1)); // well under the 30 s default, over the 0.2 s attribute

        await Assert.ThrowsAsync<TimeoutException>(() => call);
    }

    [Fact]
    public async Task A_call_scope_sets_the_deadline_of_calls_made_inside_it()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o => o.Time = clock);
        Task<string> call;
        using (GrainCallContext.WithTimeout(TimeSpan.FromSeconds(2)))
            call = silo.Grains.GetGrain<IBehaviourGrain>("slow").SlowAsync(2_000);

        clock.Advance(TimeSpan.FromSeconds(3));

        await Assert.ThrowsAsync<TimeoutException>(() => call);
    }

    [Fact]
    public async Task A_grain_type_setting_sets_the_deadline_of_calls_to_that_type()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o =>
        {
            o.Time = clock;
            o.Configuration["Runtime:GrainTypes:behaviour:CallTimeout"] = "00:00:03";
        });
        var call = silo.Grains.GetGrain<IBehaviourGrain>("slow").SlowAsync(2_000);

        clock.Advance(TimeSpan.FromSeconds(4));

        await Assert.ThrowsAsync<TimeoutException>(() => call);
    }

    [Fact]
    public async Task A_non_reentrant_grain_that_calls_itself_waits_for_its_own_turn_until_the_deadline()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o => o.Time = clock);
        var call = silo.Grains.GetGrain<IBehaviourGrain>("narcissus").CallSelfAsync();
        await Eventually.TrueAsync(() => silo.Get<OrderCluster.Runtime.Activation.Catalog>().TryGet(
            new GrainId("behaviour", "narcissus"), out var a) && a.QueueLength == 1, "the inner call waits behind the outer one");

        clock.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<TimeoutException>(() => call);
    }

    [Fact]
    public async Task A_call_within_its_deadline_completes()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o => o.Time = clock);

        Assert.Equal("done", await silo.Grains.GetGrain<IBehaviourGrain>("quick").SlowAsync(10));
    }

    [Fact]
    public async Task A_queued_call_whose_deadline_passed_is_not_run()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o => o.Time = clock);
        var blocker = silo.Grains.GetGrain<IBehaviourGrain>("blocker");
        Task<int> queuedAdd;
        using (GrainCallContext.WithTimeout(TimeSpan.FromSeconds(1)))
        {
            var hold = blocker.SlowAsync(300); // holds the blocker's turn for 300 ms of real time
            queuedAdd = blocker.ForwardAddAsync("late", 1); // waits behind it
            clock.Advance(TimeSpan.FromSeconds(2)); // both deadlines pass
            await Assert.ThrowsAsync<TimeoutException>(() => hold);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => queuedAdd);
        await blocker.SlowAsync(0); // queued after the expired add: once it ran, the add had its turn
        Assert.Equal(0, await silo.Grains.GetGrain<ICounterGrain>("late").GetAsync());
    }
}
