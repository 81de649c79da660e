using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>
/// Calls whose items differ in kind: the runtime settles one-shot and periodic ticks of many grains in one call, and
/// commits timer deletions next to timer moves. Null and non-null times in one call must both work, in either order.
/// </summary>
public abstract partial class GrainStoreConformanceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Acknowledging_a_one_shot_and_a_periodic_tick_in_one_call_deletes_the_one_and_moves_the_other(bool periodicFirst)
    {
        var store = await NewStoreAsync();
        await SetTimersAsync(store, Grain("order-1"), new TimerUpsert("sla", T0, null));
        await SetTimersAsync(store, Grain("order-2"), new TimerUpsert("poll", T0, TimeSpan.FromMinutes(1)));
        var claimed = await ClaimAsync(store, T0);
        var oneShot = Assert.Single(claimed, t => t.Period is null);
        var periodic = Assert.Single(claimed, t => t.Period is not null);
        TimerAcknowledgement[] acks = [Ack(oneShot), Ack(periodic, T0.AddMinutes(1))];

        await store.Timers.AcknowledgeAsync(periodicFirst ? [.. acks.Reverse()] : acks, Ct);
        var moved = Assert.Single(await store.Timers.ListAsync(Grain("order-2"), Ct));

        Assert.Empty(await store.Timers.ListAsync(Grain("order-1"), Ct));
        Assert.Equal(("poll", T0.AddMinutes(1), (TimeSpan?)TimeSpan.FromMinutes(1)), (moved.Name, moved.DueAt, moved.Period));
        Assert.True(moved.Version > periodic.Version);
        Assert.Equal(moved, Assert.Single(await ClaimAsync(store, T0.AddMinutes(1))));
    }

    [Fact]
    public async Task One_acknowledgement_call_over_several_grains_settles_each_tick_that_still_matches()
    {
        var store = await NewStoreAsync();
        foreach (var key in new[] { "a", "b", "c", "d", "e" })
            await SetTimersAsync(store, Grain(key), new TimerUpsert("sla", T0, null), new TimerUpsert("poll", T0, TimeSpan.FromSeconds(30)));
        var claimed = await ClaimAsync(store, T0);
        await SetTimersAsync(store, Grain("c"), new TimerUpsert("sla", T0.AddHours(1), null)); // re-registered: its ack is stale
        var reRegistered = Assert.Single(await store.Timers.ListAsync(Grain("c"), Ct), t => t.Name == "sla");

        await store.Timers.AcknowledgeAsync(
            [.. claimed.Select(t => t.Period is { } period ? Ack(t, t.DueAt + period) : Ack(t)).OrderBy(a => a.GrainId.Key, StringComparer.Ordinal).Reverse()],
            Ct);

        foreach (var key in new[] { "a", "b", "d", "e" })
        {
            var left = Assert.Single(await store.Timers.ListAsync(Grain(key), Ct));
            Assert.Equal(("poll", T0.AddSeconds(30)), (left.Name, left.DueAt));
        }

        var c = await store.Timers.ListAsync(Grain("c"), Ct);
        Assert.Equal(["poll", "sla"], c.Select(t => t.Name));
        Assert.Equal(T0.AddSeconds(30), c[0].DueAt);
        Assert.Equal(reRegistered, c[1]);
        Assert.Equal(6, (await store.Timers.GetStatsAsync(Ct)).Pending);
    }

    [Fact]
    public async Task One_deferral_call_over_several_grains_keeps_each_matching_tick_leased_until_the_retry_time()
    {
        var store = await NewStoreAsync();
        foreach (var key in new[] { "a", "b", "c" })
            await SetTimersAsync(store, Grain(key), new TimerUpsert("sla", T0, null), new TimerUpsert("poll", T0, TimeSpan.FromSeconds(30)));
        var claimed = await ClaimAsync(store, T0, lease: TimeSpan.FromSeconds(5));
        await SetTimersAsync(store, Grain("b"), new TimerUpsert("poll", T0.AddSeconds(1), TimeSpan.FromSeconds(30))); // stale deferral

        await store.Timers.DeferAsync([.. claimed.Select(t => Ack(t)).Reverse()], T0.AddMinutes(1), Ct);
        var beforeRetry = await ClaimAsync(store, T0.AddSeconds(59), owner: "silo-b");
        var atRetry = await ClaimAsync(store, T0.AddMinutes(1), owner: "silo-b");

        var moved = Assert.Single(beforeRetry);
        Assert.Equal(("b", "poll", T0.AddSeconds(1)), (moved.GrainId.Key, moved.Name, moved.DueAt));
        Assert.Equal(claimed.Where(t => (t.GrainId.Key, t.Name) != ("b", "poll")).OrderBy(t => (t.GrainId.Key, t.Name)).ToList(),
            atRetry.OrderBy(t => (t.GrainId.Key, t.Name)).ToList());
    }

    [Fact]
    public async Task A_batch_whose_first_timer_change_is_a_deletion_also_applies_the_moves_after_it()
    {
        var store = await NewStoreAsync();
        await SetTimersAsync(store, Grain("a"), new TimerUpsert("sla", T0, null));
        await SetTimersAsync(store, Grain("b"), new TimerUpsert("sla", T0, null));

        var results = await store.State.CommitAsync(
        [
            GrainWrite.ForTimer(Grain("a"), new TimerDelete("sla")),
            new GrainWrite(Grain("b"), new StateChange("state", Json("{}"), 0), [new TimerUpsert("sla", T0.AddMinutes(3), TimeSpan.FromMinutes(3))]),
            GrainWrite.ForTimer(Grain("c"), new TimerUpsert("new", T0.AddMinutes(1), null)),
            GrainWrite.ForTimer(Grain("b"), new TimerDelete("missing")),
        ], Ct);

        Assert.Equal([GrainWriteResult.Success(0), GrainWriteResult.Success(1), GrainWriteResult.Success(0), GrainWriteResult.Success(0)], results);
        Assert.Empty(await store.Timers.ListAsync(Grain("a"), Ct));
        var b = Assert.Single(await store.Timers.ListAsync(Grain("b"), Ct));
        Assert.Equal((T0.AddMinutes(3), (TimeSpan?)TimeSpan.FromMinutes(3)), (b.DueAt, b.Period));
        Assert.Equal(T0.AddMinutes(1), Assert.Single(await store.Timers.ListAsync(Grain("c"), Ct)).DueAt);
    }
}
