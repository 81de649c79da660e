using OrderCluster.Runtime.Activation;

namespace OrderCluster.Runtime.Tests.Activation;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task An_activation_that_fails_fails_the_call_clearly_and_the_next_call_activates_again()
    {
        await using var silo = await RuntimeTestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IFlakyActivationGrain>("flaky-2"); // OnActivateAsync fails twice

        var first = await Assert.ThrowsAsync<GrainActivationException>(() => grain.PingAsync());
        var second = await Assert.ThrowsAsync<GrainActivationException>(() => grain.PingAsync());
        var attempts = await grain.PingAsync();

        Assert.Contains("flaky-activation/flaky-2", first.Message);
        Assert.Contains("attempt 1", first.Message);
        Assert.IsType<InvalidOperationException>(first.InnerException);
        Assert.Contains("attempt 2", second.Message);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_their_age_and_their_state_survives()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o =>
        {
            o.Time = clock;
            o.Configuration["Runtime:CollectionQuantum"] = "00:00:30";
        });
        var catalog = silo.Get<Catalog>();
        var counter = silo.Grains.GetGrain<ICounterGrain>("idle");
        var id = new GrainId("counter", "idle");
        await counter.AddAsync(41);
        Assert.True(catalog.TryGet(id, out _));

        clock.Advance(TimeSpan.FromMinutes(14)); // default age is 15 min
        Assert.True(catalog.TryGet(id, out _), "still active before its age");
        clock.Advance(TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(() => !catalog.TryGet(id, out _), "the idle counter is collected");

        Assert.Equal(42, await counter.AddAsync(1)); // a new activation read the stored 41
    }

    [Fact]
    public async Task The_collection_age_attribute_and_setting_apply_per_grain_type()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await RuntimeTestSilo.StartAsync(o =>
        {
            o.Time = clock;
            o.Configuration["Runtime:CollectionQuantum"] = "00:00:30";
            o.Configuration["Runtime:GrainTypes:counter:CollectionAge"] = "01:00:00";
        });
        var journal = silo.Get<LifecycleJournal>();
        await silo.Grains.GetGrain<ILifecycleGrain>("short").TouchAsync(); // [CollectionAgeLimit(2)] minutes
        await silo.Grains.GetGrain<ICounterGrain>("long").AddAsync(1);

        clock.Advance(TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(() => journal.Events.Contains("deactivate short IdleCollection"), "the lifecycle grain is collected");

        Assert.True(silo.Get<Catalog>().TryGet(new GrainId("counter", "long"), out _), "the counter lives for an hour");
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_current_call_and_the_next_call_reactivates()
    {
        await using var silo = await RuntimeTestSilo.StartAsync();
        var catalog = silo.Get<Catalog>();
        var counter = silo.Grains.GetGrain<ICounterGrain>("bye");
        await counter.AddAsync(3);

        await counter.DeactivateAsync();
        await Eventually.TrueAsync(() => !catalog.TryGet(new GrainId("counter", "bye"), out _), "the counter deactivates");

        Assert.Equal(3, await counter.GetAsync());
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_grain()
    {
        var silo = await RuntimeTestSilo.StartAsync();
        var journal = silo.Get<LifecycleJournal>();
        foreach (var key in new[] { "a", "b", "c" }) await silo.Grains.GetGrain<ILifecycleGrain>(key).TouchAsync();

        await silo.DisposeAsync();

        Assert.Equal(["deactivate a ShuttingDown", "deactivate b ShuttingDown", "deactivate c ShuttingDown"],
            journal.Events.Where(e => e.StartsWith("deactivate")).Order());
    }

    [Fact]
    public async Task Calls_in_flight_when_the_silo_stops_complete()
    {
        var silo = await RuntimeTestSilo.StartAsync();
        var slow = silo.Grains.GetGrain<IBehaviourGrain>("in-flight").SlowAsync(300);
        var catalog = silo.Get<Catalog>();
        await Eventually.TrueAsync(
            () => catalog.TryGet(new GrainId("behaviour", "in-flight"), out var a) && a.Status == ActivationStatus.Valid,
            "the slow call has started"); // a Valid activation has started its first queued request

        await silo.DisposeAsync();

        Assert.Equal("done", await slow);
    }
}
