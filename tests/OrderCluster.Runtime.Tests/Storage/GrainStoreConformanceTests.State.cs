using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task ReadState_of_a_state_never_written_is_null()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.State.ReadStateAsync(Grain("nobody"), "state", Ct));
    }

    [Fact]
    public async Task A_written_state_reads_back_with_version_1()
    {
        var store = await NewStoreAsync();
        const string json = """{"name":"Zoë ✓","lines":[{"sku":"A-1","qty":2}],"total":12.5,"note":"quote \" and \\ and \n","empty":{}}""";

        var result = await WriteAsync(store, Grain("order-1"), json, 0);
        var stored = await store.State.ReadStateAsync(Grain("order-1"), "state", Ct);

        Assert.Equal(GrainWriteResult.Success(1), result);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        AssertJson(json, stored.Payload);
    }

    [Fact]
    public async Task Each_write_increments_the_version_by_one()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");

        var versions = new List<long?>();
        for (var expected = 0; expected < 5; expected++)
            versions.Add((await WriteAsync(store, grain, $$"""{"n":{{expected}}}""", expected)).Version);
        var stored = await store.State.ReadStateAsync(grain, "state", Ct);

        Assert.Equal([1, 2, 3, 4, 5], versions);
        Assert.Equal(5, stored!.Version);
        AssertJson("""{"n":4}""", stored.Payload);
    }

    [Fact]
    public async Task A_write_with_a_stale_version_conflicts_reports_the_stored_version_and_changes_nothing()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await WriteAsync(store, grain, """{"n":1}""", 0);
        await WriteAsync(store, grain, """{"n":2}""", 1);

        var result = await WriteAsync(store, grain, """{"n":"stale"}""", 1);
        var stored = await store.State.ReadStateAsync(grain, "state", Ct);

        Assert.Equal(GrainWriteResult.Conflict(2), result);
        Assert.Equal(2, stored!.Version);
        AssertJson("""{"n":2}""", stored.Payload);
    }

    [Fact]
    public async Task A_write_expecting_a_version_of_a_state_never_written_conflicts_with_version_0()
    {
        var store = await NewStoreAsync();

        var result = await WriteAsync(store, Grain("order-1"), """{"n":1}""", 3);

        Assert.Equal(GrainWriteResult.Conflict(0), result);
        Assert.Null(await store.State.ReadStateAsync(Grain("order-1"), "state", Ct));
    }

    [Fact]
    public async Task Two_concurrent_first_writes_of_one_state_let_exactly_one_win()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");

        var results = await Task.WhenAll(
            Task.Run(() => WriteAsync(store, grain, """{"writer":"a"}""", 0)),
            Task.Run(() => WriteAsync(store, grain, """{"writer":"b"}""", 0)));
        var stored = await store.State.ReadStateAsync(grain, "state", Ct);

        var winner = Assert.Single(results, r => r.Committed);
        var loser = Assert.Single(results, r => !r.Committed);
        Assert.Equal(1, winner.Version);
        Assert.Equal(1, loser.Version);
        Assert.Equal(1, stored!.Version);
        AssertJson(results[0].Committed ? """{"writer":"a"}""" : """{"writer":"b"}""", stored.Payload);
    }

    [Fact]
    public async Task Clearing_keeps_the_row_and_its_version_and_a_later_write_continues_from_it()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await WriteAsync(store, grain, """{"n":1}""", 0);

        var cleared = await WriteAsync(store, grain, null, 1);
        var afterClear = await store.State.ReadStateAsync(grain, "state", Ct);
        var rewritten = await WriteAsync(store, grain, """{"n":3}""", 2);
        var afterWrite = await store.State.ReadStateAsync(grain, "state", Ct);

        Assert.Equal(GrainWriteResult.Success(2), cleared);
        Assert.NotNull(afterClear);
        Assert.Null(afterClear.Payload);
        Assert.Equal(2, afterClear.Version);
        Assert.Equal(GrainWriteResult.Success(3), rewritten);
        AssertJson("""{"n":3}""", afterWrite!.Payload);
    }

    [Fact]
    public async Task A_write_expecting_version_0_after_a_clear_conflicts_because_versions_never_repeat()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        await WriteAsync(store, grain, """{"n":1}""", 0);
        await WriteAsync(store, grain, null, 1);

        var result = await WriteAsync(store, grain, """{"n":"again"}""", 0);

        Assert.Equal(GrainWriteResult.Conflict(2), result);
    }

    [Fact]
    public async Task States_of_one_grain_are_kept_apart_by_name()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");

        await store.State.CommitAsync(
        [
            new GrainWrite(grain, new StateChange("profile", Json("""{"p":1}"""), 0), []),
            new GrainWrite(grain, new StateChange("history", Json("""{"h":1}"""), 0), []),
        ], Ct);
        var profile = await store.State.ReadStateAsync(grain, "profile", Ct);
        var history = await store.State.ReadStateAsync(grain, "history", Ct);

        AssertJson("""{"p":1}""", profile!.Payload);
        AssertJson("""{"h":1}""", history!.Payload);
        Assert.Null(await store.State.ReadStateAsync(grain, "other", Ct));
    }

    [Fact]
    public async Task An_empty_batch_returns_no_results()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.State.CommitAsync([], Ct));
    }
}
