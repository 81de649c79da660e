using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task A_batch_mixing_successes_and_conflicts_commits_the_successes_only_and_answers_in_input_order()
    {
        var store = await NewStoreAsync();
        await WriteAsync(store, Grain("a"), """{"v":"a1"}""", 0);
        await WriteAsync(store, Grain("b"), """{"v":"b1"}""", 0);
        await WriteAsync(store, Grain("b"), """{"v":"b2"}""", 1);

        var results = await store.State.CommitAsync(
        [
            GrainWrite.ForState(Grain("a"), new StateChange("state", Json("""{"v":"a2"}"""), 1)),
            GrainWrite.ForState(Grain("b"), new StateChange("state", Json("""{"v":"stale"}"""), 1)),
            GrainWrite.ForState(Grain("c"), new StateChange("state", Json("""{"v":"c1"}"""), 0)),
            GrainWrite.ForState(Grain("d"), new StateChange("state", Json("""{"v":"missing"}"""), 4)),
        ], Ct);

        Assert.Equal(
            [GrainWriteResult.Success(2), GrainWriteResult.Conflict(2), GrainWriteResult.Success(1), GrainWriteResult.Conflict(0)],
            results);
        AssertJson("""{"v":"a2"}""", (await store.State.ReadStateAsync(Grain("a"), "state", Ct))!.Payload);
        AssertJson("""{"v":"b2"}""", (await store.State.ReadStateAsync(Grain("b"), "state", Ct))!.Payload);
        AssertJson("""{"v":"c1"}""", (await store.State.ReadStateAsync(Grain("c"), "state", Ct))!.Payload);
        Assert.Null(await store.State.ReadStateAsync(Grain("d"), "state", Ct));
    }

    [Fact]
    public async Task The_timer_changes_of_a_conflicting_write_are_not_applied()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await WriteAsync(store, grain, """{"n":1}""", 0, new TimerUpsert("keep", T0.AddMinutes(5), null));
        await WriteAsync(store, grain, """{"n":2}""", 1);

        var result = await WriteAsync(store, grain, """{"n":"stale"}""", 1,
            new TimerUpsert("new", T0.AddMinutes(1), null), new TimerDelete("keep"), new TimerUpsert("keep2", T0, null));
        var timers = await store.Timers.ListAsync(grain, Ct);

        Assert.False(result.Committed);
        var kept = Assert.Single(timers);
        Assert.Equal("keep", kept.Name);
        Assert.Equal(T0.AddMinutes(5), kept.DueAt);
    }

    [Fact]
    public async Task The_timer_changes_of_a_committed_write_are_applied_with_it()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await WriteAsync(store, grain, """{"n":1}""", 0, new TimerUpsert("old", T0, null));

        var result = await WriteAsync(store, grain, """{"n":2}""", 1,
            new TimerUpsert("sla", T0.AddHours(4), null), new TimerDelete("old"));
        var timers = await store.Timers.ListAsync(grain, Ct);

        Assert.Equal(GrainWriteResult.Success(2), result);
        var sla = Assert.Single(timers);
        Assert.Equal("sla", sla.Name);
        Assert.Equal(T0.AddHours(4), sla.DueAt);
    }

    [Fact]
    public async Task A_write_without_a_state_change_commits_its_timers_with_version_0()
    {
        var store = await NewStoreAsync();

        var results = await SetTimersAsync(store, Grain("order-1"), new TimerUpsert("sla", T0, TimeSpan.FromMinutes(1)));

        Assert.Equal([GrainWriteResult.Success(0)], results);
        Assert.Single(await store.Timers.ListAsync(Grain("order-1"), Ct));
    }

    [Fact]
    public async Task Two_writes_of_one_state_expecting_the_same_version_in_one_batch_have_exactly_one_winner()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");

        var results = await store.State.CommitAsync(
        [
            new GrainWrite(grain, new StateChange("state", Json("""{"writer":"first"}"""), 0), [new TimerUpsert("t", T0.AddMinutes(1), null)]),
            new GrainWrite(grain, new StateChange("state", Json("""{"writer":"second"}"""), 0), [new TimerUpsert("t", T0.AddMinutes(2), null)]),
            GrainWrite.ForState(Grain("other"), new StateChange("state", Json("""{"writer":"other"}"""), 0)),
        ], Ct);
        var stored = await store.State.ReadStateAsync(grain, "state", Ct);
        var timer = Assert.Single(await store.Timers.ListAsync(grain, Ct));

        Assert.Equal([GrainWriteResult.Success(1), GrainWriteResult.Conflict(1), GrainWriteResult.Success(1)], results);
        AssertJson("""{"writer":"first"}""", stored!.Payload);
        Assert.Equal(T0.AddMinutes(1), timer.DueAt);
    }

    [Fact]
    public async Task Chained_writes_of_one_state_in_one_batch_apply_in_order()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");

        var results = await store.State.CommitAsync(
        [
            GrainWrite.ForState(grain, new StateChange("state", Json("""{"n":1}"""), 0)),
            GrainWrite.ForState(grain, new StateChange("state", Json("""{"n":"stale"}"""), 0)),
            GrainWrite.ForState(grain, new StateChange("state", Json("""{"n":2}"""), 1)),
        ], Ct);
        var stored = await store.State.ReadStateAsync(grain, "state", Ct);

        Assert.Equal([GrainWriteResult.Success(1), GrainWriteResult.Conflict(1), GrainWriteResult.Success(2)], results);
        Assert.Equal(2, stored!.Version);
        AssertJson("""{"n":2}""", stored.Payload);
    }

    [Fact]
    public async Task Changes_to_one_timer_from_several_writes_of_a_batch_end_as_the_last_one_says()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");

        await store.State.CommitAsync(
        [
            GrainWrite.ForTimer(grain, new TimerUpsert("t", T0.AddMinutes(1), null)),
            GrainWrite.ForTimer(grain, new TimerUpsert("t", T0.AddMinutes(2), TimeSpan.FromSeconds(30))),
            GrainWrite.ForTimer(grain, new TimerUpsert("gone", T0, null)),
            new GrainWrite(grain, null, [new TimerUpsert("gone", T0.AddMinutes(9), null), new TimerDelete("gone")]),
        ], Ct);
        var timer = Assert.Single(await store.Timers.ListAsync(grain, Ct));

        Assert.Equal("t", timer.Name);
        Assert.Equal(T0.AddMinutes(2), timer.DueAt);
        Assert.Equal(TimeSpan.FromSeconds(30), timer.Period);
    }
}
