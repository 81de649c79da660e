using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task Claim_takes_only_due_timers_earliest_first_up_to_the_limit()
    {
        var store = await NewStoreAsync();
        foreach (var (key, seconds) in new[] { ("a", 5), ("b", 1), ("c", 3), ("d", 2), ("e", 4), ("later", 3600) })
            await SetTimersAsync(store, Grain(key), new TimerUpsert("t", T0.AddSeconds(seconds), null));

        var first = await ClaimAsync(store, T0.AddSeconds(10), limit: 3);
        var second = await ClaimAsync(store, T0.AddSeconds(10), limit: 3);
        var third = await ClaimAsync(store, T0.AddSeconds(10), limit: 3);

        Assert.Equal(["b", "d", "c"], first.Select(t => t.GrainId.Key));
        Assert.Equal(["e", "a"], second.Select(t => t.GrainId.Key));
        Assert.Empty(third);
    }

    [Fact]
    public async Task Claim_includes_timers_due_exactly_at_the_window_end_and_may_look_ahead_of_now()
    {
        var store = await NewStoreAsync();
        await SetTimersAsync(store, Grain("edge"), new TimerUpsert("t", T0.AddSeconds(5), null));
        await SetTimersAsync(store, Grain("beyond"), new TimerUpsert("t", T0.AddMilliseconds(5001), null));

        var claimed = await ClaimAsync(store, now: T0, dueBefore: T0.AddSeconds(5));

        var timer = Assert.Single(claimed);
        Assert.Equal("edge", timer.GrainId.Key);
    }

    [Fact]
    public async Task A_claimed_timer_carries_what_was_registered()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("poll", T0, TimeSpan.FromMinutes(5)));
        var listed = Assert.Single(await store.Timers.ListAsync(grain, Ct));

        var claimed = Assert.Single(await ClaimAsync(store, T0));

        Assert.Equal(listed, claimed);
    }

    [Fact]
    public async Task Claim_takes_only_timers_of_grains_whose_hash_is_in_the_ranges()
    {
        var store = await NewStoreAsync();
        var grains = Enumerable.Range(0, 40).Select(i => Grain($"g{i}")).ToList();
        foreach (var grain in grains) await SetTimersAsync(store, grain, new TimerUpsert("t", T0, null));
        var hashes = grains.Select(g => g.GetUniformHash()).Order().ToList();
        var low = new HashRange(0, hashes[9]);                 // the 10 lowest hashes
        var high = new HashRange(hashes[30], uint.MaxValue);   // the 10 highest
        var middle = new HashRange(hashes[15], hashes[24]);    // 10 in the middle

        var claimed = await ClaimAsync(store, T0, ranges: [high, low]);
        var none = await ClaimAsync(store, T0, ranges: []);
        var rest = await ClaimAsync(store, T0, owner: "silo-b", ranges: [middle, new HashRange(hashes[20], hashes[26])]);

        Assert.Equal(grains.Where(g => low.Contains(g.GetUniformHash()) || high.Contains(g.GetUniformHash())).Select(g => g.Key).Order(),
            claimed.Select(t => t.GrainId.Key).Order());
        Assert.Equal(20, claimed.Count);
        Assert.Empty(none);
        Assert.Equal(12, rest.Count);
        Assert.All(rest, t => Assert.InRange(t.GrainId.GetUniformHash(), hashes[15], hashes[26]));
    }

    [Fact]
    public async Task A_leased_timer_is_not_claimed_again_until_its_lease_ends()
    {
        var store = await NewStoreAsync();
        await SetTimersAsync(store, Grain("order-1"), new TimerUpsert("t", T0, null));

        var byA = await ClaimAsync(store, T0, owner: "silo-a", lease: TimeSpan.FromSeconds(60));
        var duringLease = await ClaimAsync(store, T0.AddMilliseconds(59_999), owner: "silo-b");
        var atLeaseEnd = await ClaimAsync(store, T0.AddSeconds(60), owner: "silo-b", lease: TimeSpan.FromSeconds(60));
        var duringSecondLease = await ClaimAsync(store, T0.AddSeconds(61), owner: "silo-a");

        Assert.Single(byA);
        Assert.Empty(duringLease);
        Assert.Equal(byA[0], Assert.Single(atLeaseEnd));
        Assert.Empty(duringSecondLease);
    }

    [Fact]
    public async Task Acknowledging_a_one_shot_tick_deletes_the_timer()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0, null));
        var claimed = Assert.Single(await ClaimAsync(store, T0));

        await store.Timers.AcknowledgeAsync([Ack(claimed)], Ct);

        Assert.Empty(await store.Timers.ListAsync(grain, Ct));
        Assert.Empty(await ClaimAsync(store, T0.AddDays(1)));
    }

    [Fact]
    public async Task Acknowledging_a_periodic_tick_moves_the_timer_with_a_new_version_and_no_lease()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("poll", T0, TimeSpan.FromMinutes(1)));
        var claimed = Assert.Single(await ClaimAsync(store, T0, lease: TimeSpan.FromMinutes(10)));

        await store.Timers.AcknowledgeAsync([Ack(claimed, T0.AddMinutes(1))], Ct);
        var moved = Assert.Single(await store.Timers.ListAsync(grain, Ct));
        var early = await ClaimAsync(store, T0.AddSeconds(59));
        var next = await ClaimAsync(store, T0.AddMinutes(1)); // before the old lease (10 min) would have ended

        Assert.Equal(T0.AddMinutes(1), moved.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(1), moved.Period);
        Assert.True(moved.Version > claimed.Version);
        Assert.Empty(early);
        Assert.Equal(moved, Assert.Single(next));
    }

    [Fact]
    public async Task An_acknowledgement_is_ignored_when_the_grain_registered_the_timer_again_meanwhile()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0, null));
        await SetTimersAsync(store, Grain("order-2"), new TimerUpsert("sla", T0, null));
        var claimed = await ClaimAsync(store, T0);
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0.AddHours(1), null));
        var reRegistered = Assert.Single(await store.Timers.ListAsync(grain, Ct));

        await store.Timers.AcknowledgeAsync([.. claimed.Select(t => Ack(t))], Ct);                 // deletes
        await store.Timers.AcknowledgeAsync([.. claimed.Select(t => Ack(t, T0.AddMinutes(5)))], Ct); // moves

        Assert.Equal(reRegistered, Assert.Single(await store.Timers.ListAsync(grain, Ct)));
        Assert.Empty(await store.Timers.ListAsync(Grain("order-2"), Ct));
    }

    [Fact]
    public async Task Deferring_a_tick_keeps_it_leased_until_the_retry_time_with_its_due_time_unchanged()
    {
        var store = await NewStoreAsync();
        await SetTimersAsync(store, Grain("order-1"), new TimerUpsert("sla", T0, null));
        var claimed = Assert.Single(await ClaimAsync(store, T0, lease: TimeSpan.FromSeconds(10)));

        await store.Timers.DeferAsync([Ack(claimed)], T0.AddSeconds(30), Ct);
        var beforeRetry = await ClaimAsync(store, T0.AddSeconds(29), owner: "silo-b");
        var atRetry = await ClaimAsync(store, T0.AddSeconds(30), owner: "silo-b");

        Assert.Empty(beforeRetry);
        Assert.Equal(claimed, Assert.Single(atRetry)); // same due time, same version
    }

    [Fact]
    public async Task A_deferral_is_ignored_when_the_grain_registered_the_timer_again_meanwhile()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0, null));
        var claimed = Assert.Single(await ClaimAsync(store, T0));
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0.AddSeconds(1), null));

        await store.Timers.DeferAsync([Ack(claimed)], T0.AddHours(1), Ct);
        var reclaimed = await ClaimAsync(store, T0.AddSeconds(1));

        Assert.Equal(T0.AddSeconds(1), Assert.Single(reclaimed).DueAt);
    }

    [Fact]
    public async Task Registering_a_leased_timer_again_drops_its_lease()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0, null));
        Assert.Single(await ClaimAsync(store, T0, lease: TimeSpan.FromMinutes(10)));

        await SetTimersAsync(store, grain, new TimerUpsert("sla", T0.AddSeconds(1), null));
        var reclaimed = await ClaimAsync(store, T0.AddSeconds(1));

        Assert.Equal(T0.AddSeconds(1), Assert.Single(reclaimed).DueAt);
    }

    [Fact]
    public async Task Releasing_leases_by_owner_frees_only_that_owners_timers_and_releasing_all_frees_the_rest()
    {
        var store = await NewStoreAsync();
        await SetTimersAsync(store, Grain("a"), new TimerUpsert("t", T0, null));
        await SetTimersAsync(store, Grain("b"), new TimerUpsert("t", T0.AddSeconds(1), null));
        Assert.Single(await ClaimAsync(store, T0, owner: "silo-a", lease: TimeSpan.FromMinutes(10)));
        Assert.Single(await ClaimAsync(store, T0.AddSeconds(1), owner: "silo-b", lease: TimeSpan.FromMinutes(10)));

        await store.Timers.ReleaseLeasesAsync("silo-a", Ct);
        var afterOwnerRelease = await ClaimAsync(store, T0.AddSeconds(2), owner: "silo-c");
        await store.Timers.ReleaseLeasesAsync(null, Ct);
        var afterReleaseAll = await ClaimAsync(store, T0.AddSeconds(2), owner: "silo-c");

        Assert.Equal("a", Assert.Single(afterOwnerRelease).GrainId.Key);
        Assert.Equal(["a", "b"], afterReleaseAll.Select(t => t.GrainId.Key));
    }
}
