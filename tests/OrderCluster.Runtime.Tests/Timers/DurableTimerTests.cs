using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Timers;
using OrderCluster.Testing.Sqlite;

namespace OrderCluster.Runtime.Tests.Timers;

/// <summary>Durable timers through the runtime with a manual clock, on every storage provider.</summary>
public abstract class DurableTimerTests : SiloOnStorageTests
{
    protected readonly ManualTimeProvider Clock = new();

    protected override void Configure(TestSiloOptions options)
    {
        RuntimeTestSilo.AddTestGrains(options);
        options.Time = Clock;
        options.Configuration["Runtime:CallTimeout"] = "01:00:00"; // the manual clock jumps; calls must not time out
    }

    private DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Moves the clock one poll at a time (the service reads the due window each second).</summary>
    protected Task AdvanceAsync(TimeSpan by) => Clock.AdvanceInStepsAsync(by, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Keeps moving the clock a poll interval at a time until <paramref name="condition"/> holds, at most
    /// <paramref name="budget"/> of clock time. After each step it waits (in real time) for the timer service to finish
    /// that poll, so the clock never runs ahead of storage round trips and a tick is at most one step late.
    /// </summary>
    protected async Task AdvanceUntilAsync(Func<Task<bool>> condition, string what, TimeSpan budget)
    {
        var end = Now + budget;
        while (!await condition())
        {
            if (Now >= end) Assert.Fail($"{what} did not happen within {budget} of clock time.");
            await Silo.AdvanceOneTimerPollAsync(Clock);
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task A_one_shot_timer_fires_once_at_its_due_time_and_is_removed()
    {
        var grain = Silo.Grains.GetGrain<ITimerGrain>("once");
        var due = Now.AddSeconds(10);
        await grain.RegisterAsync("sla", due, null);

        await AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Empty(await grain.GetTicksAsync());
        await AdvanceUntilAsync(async () => (await grain.GetTicksAsync()).Count == 1, "the tick", TimeSpan.FromSeconds(10));
        await AdvanceUntilAsync(async () => (await grain.ListAsync()).Count == 0, "removing the one-shot timer", TimeSpan.FromSeconds(5));
        await AdvanceAsync(TimeSpan.FromSeconds(5));

        var tick = Assert.Single(await grain.GetTicksAsync());
        Assert.Equal("sla", tick.Name);
        Assert.Equal(due, tick.ScheduledAt);
        Assert.InRange(tick.FiredAt - due, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_periodic_timer_fires_every_period()
    {
        var grain = Silo.Grains.GetGrain<ITimerGrain>("periodic");
        var first = Now.AddSeconds(2);
        await grain.RegisterAsync("heartbeat", first, TimeSpan.FromSeconds(5));

        // The tick is acknowledged (and the timer moved) just after the grain records it: wait for both.
        await AdvanceUntilAsync(async () => (await grain.GetTicksAsync()).Count >= 3
                                            && (await grain.ListAsync()).Single().DueAt > first.AddSeconds(10),
            "three ticks and the move past the third", TimeSpan.FromSeconds(30));

        var ticks = (await grain.GetTicksAsync()).Take(3);
        Assert.Equal([first, first.AddSeconds(5), first.AddSeconds(10)], ticks.Select(t => t.ScheduledAt));
        Assert.Single(await grain.ListAsync());
    }

    [Fact]
    public async Task Updating_a_timer_moves_it_and_unregistering_removes_it()
    {
        var grain = Silo.Grains.GetGrain<ITimerGrain>("moved");
        await grain.RegisterAsync("approve-by", Now.AddSeconds(3), null);
        await grain.RegisterAsync("ship-by", Now.AddSeconds(3), null);
        await grain.RegisterAsync("control", Now.AddSeconds(4), null); // proves the polls went past the old due time
        await grain.RegisterAsync("approve-by", Now.AddHours(2), null);
        await grain.UnregisterAsync("ship-by");

        await AdvanceUntilAsync(async () => (await grain.GetTicksAsync()).Count > 0, "the control tick", TimeSpan.FromSeconds(30));
        await AdvanceAsync(TimeSpan.FromSeconds(3));
        // A one-shot timer is removed when its tick is acknowledged, a moment after the tick itself (seen once under load).
        await AdvanceUntilAsync(async () => (await grain.ListAsync()).Count == 1, "removing the fired control timer", TimeSpan.FromSeconds(10));

        Assert.Equal(["control"], (await grain.GetTicksAsync()).Select(t => t.Name));
        var timer = Assert.Single(await grain.ListAsync());
        Assert.Equal("approve-by", timer.Name);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_with_its_original_scheduled_time()
    {
        var grain = Silo.Grains.GetGrain<ITimerGrain>("retried");
        await grain.FailNextTicksAsync(2);
        var due = Now.AddSeconds(2);
        await grain.RegisterAsync("flaky", due, null);

        // The first attempt fails; retries follow after 1 s, then 2 s.
        await AdvanceUntilAsync(async () => (await grain.GetTicksAsync()).Count == 1, "the third attempt", TimeSpan.FromSeconds(30));

        var tick = Assert.Single(await grain.GetTicksAsync());
        Assert.Equal(due, tick.ScheduledAt);
        Assert.True(tick.FiredAt - due >= TimeSpan.FromSeconds(3), "two back-offs passed before the successful delivery");
    }

    [Fact]
    public async Task Registering_a_timer_on_a_grain_that_is_not_remindable_is_refused()
    {
        // CounterGrain does not implement IRemindable; reach its registry through a test-only call path.
        var activationId = new GrainId("counter", "no-timers");
        await Silo.Grains.GetGrain<ICounterGrain>("no-timers").GetAsync();
        Assert.True(Silo.Get<Catalog>().TryGet(activationId, out var activation));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => activation.Timers.RegisterOrUpdateAsync("x", TimeSpan.FromSeconds(1)));

        Assert.Contains("IRemindable", error.Message);
    }

    [Fact]
    public async Task Ten_thousand_timers_due_in_the_same_second_all_fire()
    {
        const int grains = 2_000, timersPerGrain = 5;
        var due = Now.AddSeconds(5);
        await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = 128 }, async (g, _) =>
        {
            var grain = Silo.Grains.GetGrain<ITimerGrain>($"burst-{g}");
            for (var t = 0; t < timersPerGrain; t++) await grain.RegisterAsync($"t{t}", due.AddMilliseconds(t * 100), null);
        });

        var stats = Silo.Get<IDurableTimerStore>();
        await AdvanceUntilAsync(async () => (await stats.GetStatsAsync(default)).Pending == 0, "every timer firing and being acknowledged",
            TimeSpan.FromMinutes(10));

        var missing = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, grains), async (g, _) =>
        {
            var names = (await Silo.Grains.GetGrain<ITimerGrain>($"burst-{g}").GetTicksAsync()).Select(t => t.Name).Distinct().Count();
            Interlocked.Add(ref missing, timersPerGrain - names);
        });
        Assert.Equal(0, missing);
    }

    [Fact]
    public async Task Timer_changes_staged_with_a_state_write_commit_with_it()
    {
        var grain = Silo.Grains.GetGrain<ITimerGrain>("staged");
        await grain.RegisterAsync("old", Now.AddHours(1), null);

        await grain.StageWithStateWriteAsync("new", Now.AddHours(2), unregister: "old");

        var timer = Assert.Single(await grain.ListAsync());
        Assert.Equal(("new", Now.AddHours(2)), (timer.Name, timer.DueAt));
    }

    [Fact]
    public async Task Timer_changes_staged_with_a_state_write_that_loses_a_version_race_are_not_applied()
    {
        var grain = Silo.Grains.GetGrain<ITimerGrain>("staged-race");
        await grain.FailNextTicksAsync(0); // version 1
        var store = Silo.Get<IGrainStateStore>();
        var behindItsBack = await store.CommitAsync([GrainWrite.ForState(new GrainId("timer", "staged-race"),
            new StateChange("ticks", """{"ticks":[],"failuresToInject":0}"""u8.ToArray(), 1))], default);
        Assert.True(behindItsBack[0].Committed);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.StageWithStateWriteAsync("sla", Now.AddHours(1), null));

        Assert.Empty(await grain.ListAsync()); // read by a new activation: the timer went nowhere with the lost write
    }
}

public sealed class MemoryDurableTimerTests : DurableTimerTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteDurableTimerTests(SqliteDatabaseFixture sqlite) : DurableTimerTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresDurableTimerTests : DurableTimerTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
