using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task An_upserted_timer_is_listed_with_its_due_time_period_and_a_version()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");

        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0.AddHours(2), null), new TimerUpsert("poll", T0, TimeSpan.FromSeconds(90)));
        var timers = await store.Timers.ListAsync(grain, Ct);

        Assert.Equal(["poll", "sla"], timers.Select(t => t.Name));
        Assert.All(timers, t => Assert.Equal(grain, t.GrainId));
        Assert.Equal((T0, (TimeSpan?)TimeSpan.FromSeconds(90)), (timers[0].DueAt, timers[0].Period));
        Assert.Equal((T0.AddHours(2), (TimeSpan?)null), (timers[1].DueAt, timers[1].Period));
        Assert.All(timers, t => Assert.True(t.Version > 0));
        Assert.NotEqual(timers[0].Version, timers[1].Version);
    }

    [Fact]
    public async Task Upserting_a_timer_again_moves_its_due_time_and_changes_its_version()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0, null));
        var before = Assert.Single(await store.Timers.ListAsync(grain, Ct));

        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0.AddDays(1), TimeSpan.FromHours(1)));
        var after = Assert.Single(await store.Timers.ListAsync(grain, Ct));

        Assert.Equal(T0.AddDays(1), after.DueAt);
        Assert.Equal(TimeSpan.FromHours(1), after.Period);
        Assert.True(after.Version > before.Version);
    }

    [Fact]
    public async Task Deleting_a_timer_removes_it_and_deleting_a_missing_one_is_harmless()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0, null), new TimerUpsert("keep", T0, null));

        var results = await SetTimersAsync(store, grain, new TimerDelete("sla"), new TimerDelete("never-existed"));

        Assert.True(Assert.Single(results).Committed);
        Assert.Equal(["keep"], (await store.Timers.ListAsync(grain, Ct)).Select(t => t.Name));
    }

    [Fact]
    public async Task A_timer_deleted_and_created_again_never_reuses_a_version()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0, null));
        var first = Assert.Single(await store.Timers.ListAsync(grain, Ct));
        await SetTimersAsync(store, grain, new TimerDelete("sla"));

        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0, null));
        var second = Assert.Single(await store.Timers.ListAsync(grain, Ct));

        Assert.True(second.Version > first.Version);
    }

    [Fact]
    public async Task List_returns_only_that_grains_timers_in_ordinal_name_order()
    {
        var store = await NewStoreAsync();
        await SetTimersAsync(store, Grain("order-1"),
            new TimerUpsert("b", T0, null), new TimerUpsert("a", T0, null), new TimerUpsert("C", T0, null), new TimerUpsert("a2", T0, null));
        await SetTimersAsync(store, Grain("order-2"), new TimerUpsert("other", T0, null));

        var names = (await store.Timers.ListAsync(Grain("order-1"), Ct)).Select(t => t.Name);

        Assert.Equal(["C", "a", "a2", "b"], names);
        Assert.Empty(await store.Timers.ListAsync(Grain("order-3"), Ct));
    }

    [Fact]
    public async Task Times_round_trip_at_millisecond_precision_whatever_their_offset()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        var due = new DateTimeOffset(2031, 3, 14, 11, 26, 53, 589, TimeSpan.FromHours(2)); // 09:26:53.589 UTC

        await SetTimersAsync(store, grain, new TimerUpsert("sla", due, TimeSpan.FromMilliseconds(1500)));
        var listed = Assert.Single(await store.Timers.ListAsync(grain, Ct));
        var claimed = Assert.Single(await ClaimAsync(store, due));

        Assert.Equal(due, listed.DueAt); // same instant
        Assert.Equal(due.UtcTicks, listed.DueAt.UtcTicks);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), listed.Period);
        Assert.Equal(due, claimed.DueAt);
    }

    [Fact]
    public async Task Stats_count_the_timers_and_give_the_earliest_due_time()
    {
        var store = await NewStoreAsync();
        var empty = await store.Timers.GetStatsAsync(Ct);
        await SetTimersAsync(store, Grain("a"), new TimerUpsert("x", T0.AddMinutes(3), null), new TimerUpsert("y", T0.AddMinutes(1), null));
        await SetTimersAsync(store, Grain("b"), new TimerUpsert("x", T0.AddMinutes(2), null));

        var three = await store.Timers.GetStatsAsync(Ct);
        var claimed = await ClaimAsync(store, T0.AddMinutes(1));
        await store.Timers.AcknowledgeAsync([Ack(Assert.Single(claimed))], Ct);
        var two = await store.Timers.GetStatsAsync(Ct);

        Assert.Equal(new DurableTimerStats(0, null), empty);
        Assert.Equal(new DurableTimerStats(3, T0.AddMinutes(1)), three);
        Assert.Equal(new DurableTimerStats(2, T0.AddMinutes(2)), two);
    }
}
