using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>Reading partitions, heads, cursors, positions by time, finding an event, and retention.</summary>
public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task Reading_a_partition_filters_by_namespace_and_key_and_respects_the_position_and_the_limit()
    {
        var store = await NewStoreAsync();
        await store.State.CommitAsync(
        [
            new GrainWrite(Grain("p"), null, [])
            {
                Events =
                [
                    Event(Stream("a"), 0, "e1"), Event(Stream("a", "customers"), 0, "e2"), Event(Stream("b"), 0, "e3"),
                    Event(Stream("a"), 0, "e4"), Event(Stream("a", "analytics"), 0, "e5"), Event(Stream("a"), 0, "e6"), Event(Stream("a"), 1, "x1"),
                ],
            },
        ], Ct);

        async Task<string[]> Read(long after, IReadOnlyCollection<string>? namespaces, string? key, int limit = 100, int partition = 0) =>
            (await store.Streams.ReadAsync(partition, after, namespaces, key, limit, Ct)).Select(e => e.EventType).ToArray();

        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "e6"], await Read(0, null, null));
        Assert.Equal(["e3", "e4", "e5", "e6"], await Read(2, null, null));
        Assert.Equal(["e1", "e3", "e4", "e6"], await Read(0, ["orders"], null));
        Assert.Equal(["e1", "e3", "e4", "e5", "e6"], await Read(0, ["analytics", "orders"], null));
        Assert.Equal(["e1", "e4", "e6"], await Read(0, ["orders"], "a"));
        Assert.Equal(["e1", "e2", "e4", "e5", "e6"], await Read(0, null, "a"));
        Assert.Equal(["e1", "e4"], await Read(0, ["orders"], "a", limit: 2));
        Assert.Equal(["e1", "e2", "e3"], await Read(0, null, null, limit: 3));
        Assert.Equal(["e6"], await Read(4, ["orders"], "a"));
        Assert.Equal(["x1"], await Read(0, null, null, partition: 1));
        Assert.Empty(await Read(0, [], null));
        Assert.Empty(await Read(0, ["ORDERS"], null));
        Assert.Empty(await Read(0, ["orders"], "A"));
        Assert.Empty(await Read(6, null, null));
        Assert.Empty(await Read(0, null, null, limit: 0));
        Assert.Empty(await Read(0, null, null, partition: 9));
    }

    [Fact]
    public async Task Heads_are_the_last_position_of_each_partition_that_has_events()
    {
        var store = await NewStoreAsync();
        var empty = await store.Streams.ReadHeadsAsync(Ct);

        await store.State.CommitAsync([new GrainWrite(Grain("p"), null, []) { Events = [Event(Stream("a"), 0), Event(Stream("b"), 5), Event(Stream("c"), 5)] }], Ct);
        await store.State.CommitAsync([new GrainWrite(Grain("p"), null, []) { Events = [Event(Stream("a"), 5)] }], Ct);

        Assert.Empty(empty);
        Assert.Equal(new Dictionary<int, long> { [0] = 1, [5] = 3 }, await store.Streams.ReadHeadsAsync(Ct));
    }

    [Fact]
    public async Task Cursors_round_trip_per_group_and_may_move_backwards_for_a_replay()
    {
        var store = await NewStoreAsync();
        var none = await store.Streams.ReadCursorsAsync("analytics", Ct);

        await store.Streams.SaveCursorsAsync("analytics", new Dictionary<int, long> { [0] = 5, [3] = 70 }, Ct);
        await store.Streams.SaveCursorsAsync("search", new Dictionary<int, long> { [0] = 1 }, Ct);
        var saved = await store.Streams.ReadCursorsAsync("analytics", Ct);
        await store.Streams.SaveCursorsAsync("analytics", new Dictionary<int, long> { [0] = 2, [1] = 9 }, Ct);
        await store.Streams.SaveCursorsAsync("analytics", new Dictionary<int, long>(), Ct);

        Assert.Empty(none);
        Assert.Equal(new Dictionary<int, long> { [0] = 5, [3] = 70 }, saved);
        Assert.Equal(new Dictionary<int, long> { [0] = 2, [1] = 9, [3] = 70 }, await store.Streams.ReadCursorsAsync("analytics", Ct));
        Assert.Equal(new Dictionary<int, long> { [0] = 1 }, await store.Streams.ReadCursorsAsync("search", Ct));
        Assert.Empty(await store.Streams.ReadCursorsAsync("Search", Ct));
    }

    [Fact]
    public async Task PositionsBefore_gives_each_partition_the_last_position_created_before_the_time()
    {
        var store = await NewStoreAsync();
        var s = TimeSpan.FromSeconds(1);
        await store.State.CommitAsync([new GrainWrite(Grain("p"), null, [])
        {
            Events =
            [
                Event(Stream("a"), 0, createdAt: T0), Event(Stream("a"), 0, createdAt: T0 + s), Event(Stream("a"), 0, createdAt: T0 + 2 * s),
                Event(Stream("a"), 0, createdAt: T0 + 3 * s), Event(Stream("b"), 1, createdAt: T0 + 10 * s),
                // Partition 2 has an event committed after a later-stamped one (a slower commit), as happens between silos.
                Event(Stream("c"), 2, createdAt: T0 + s), Event(Stream("d"), 2, createdAt: T0 + s / 2), Event(Stream("c"), 2, createdAt: T0 + 5 * s),
            ],
        }], Ct);

        async Task<Dictionary<int, long>> Before(DateTimeOffset time) =>
            (await store.Streams.PositionsBeforeAsync(time, Ct)).OrderBy(p => p.Key).ToDictionary();

        Assert.Equal(new() { [0] = 0, [1] = 0, [2] = 0 }, await Before(T0));
        Assert.Equal(new() { [0] = 1, [1] = 0, [2] = 0 }, await Before(T0.AddMilliseconds(1)));
        Assert.Equal(new() { [0] = 1, [1] = 0, [2] = 2 }, await Before(T0 + s * 0.9));
        Assert.Equal(new() { [0] = 1, [1] = 0, [2] = 2 }, await Before(T0 + s)); // strictly before
        Assert.Equal(new() { [0] = 2, [1] = 0, [2] = 2 }, await Before(T0 + s + TimeSpan.FromTicks(5_000))); // half a millisecond later
        Assert.Equal(new() { [0] = 2, [1] = 0, [2] = 2 }, await Before(T0 + s * 1.5));
        Assert.Equal(new() { [0] = 4, [1] = 0, [2] = 3 }, await Before(T0 + 6 * s));
        Assert.Equal(new() { [0] = 4, [1] = 1, [2] = 3 }, await Before(T0.AddHours(1)));
    }

    [Fact]
    public async Task PositionsBefore_of_a_store_without_events_is_empty()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await store.Streams.PositionsBeforeAsync(T0, Ct));
    }

    [Fact]
    public async Task Find_locates_an_event_by_its_stream_and_sequence()
    {
        var store = await NewStoreAsync();
        await store.State.CommitAsync([new GrainWrite(Grain("p"), null, [])
            { Events = [Event(Stream("a"), 0), Event(Stream("b"), 0), Event(Stream("a"), 2), Event(Stream("a", "customers"), 1)] }], Ct);

        Assert.Equal((0, 1L), await store.Streams.FindAsync(Stream("a"), 1, Ct));
        Assert.Equal((2, 1L), await store.Streams.FindAsync(Stream("a"), 2, Ct));
        Assert.Equal((0, 2L), await store.Streams.FindAsync(Stream("b"), 1, Ct));
        Assert.Equal((1, 1L), await store.Streams.FindAsync(Stream("a", "customers"), 1, Ct));
        Assert.Null(await store.Streams.FindAsync(Stream("a"), 3, Ct));
        Assert.Null(await store.Streams.FindAsync(Stream("a"), 0, Ct));
        Assert.Null(await store.Streams.FindAsync(Stream("b", "customers"), 1, Ct));
        Assert.Null(await store.Streams.FindAsync(Stream("zzz"), 1, Ct));
    }

    [Fact]
    public async Task Retention_deletes_only_events_up_to_the_position_created_before_the_time_and_positions_go_on()
    {
        var store = await NewStoreAsync();
        var minute = TimeSpan.FromMinutes(1);
        await store.State.CommitAsync([new GrainWrite(Grain("p"), null, [])
        {
            Events =
            [
                Event(Stream("a"), 0, "p1", createdAt: T0 + minute), Event(Stream("a"), 0, "p2", createdAt: T0 + 2 * minute),
                Event(Stream("a"), 0, "p3", createdAt: T0 + 10 * minute), Event(Stream("a"), 0, "p4", createdAt: T0 + 4 * minute),
                Event(Stream("a"), 0, "p5", createdAt: T0 + 5 * minute), Event(Stream("a"), 0, "p6", createdAt: T0 + 6 * minute),
                Event(Stream("b"), 1, "q1", createdAt: T0),
            ],
        }], Ct);

        var deleted = await store.Streams.DeleteDeliveredAsync(0, 5, T0 + 5 * minute, Ct);
        var again = await store.Streams.DeleteDeliveredAsync(0, 5, T0 + 5 * minute, Ct);
        var unknown = await store.Streams.DeleteDeliveredAsync(7, 100, T0.AddDays(1), Ct);
        var next = await CommitAsync(store, new GrainWrite(Grain("p"), null, []) { Events = [Event(Stream("a"), 0, "p7", createdAt: T0 + 20 * minute)] });

        Assert.Equal(3, deleted);
        Assert.Equal(0, again);
        Assert.Equal(0, unknown);
        Assert.Equal(["p3", "p5", "p6", "p7"], (await ReadAllAsync(store, 0)).Select(e => e.EventType));
        Assert.Equal([3L, 5, 6, 7], (await ReadAllAsync(store, 0)).Select(e => e.Position));
        Assert.Equal(["q1"], (await ReadAllAsync(store, 1)).Select(e => e.EventType));
        Assert.Equal([7L], next.Sequences);
        Assert.Equal(new Dictionary<int, long> { [0] = 7, [1] = 1 }, await store.Streams.ReadHeadsAsync(Ct));
        Assert.Null(await store.Streams.FindAsync(Stream("a"), 1, Ct));
        Assert.Equal((0, 3L), await store.Streams.FindAsync(Stream("a"), 3, Ct));
        Assert.Equal(0, (await store.Streams.PositionsBeforeAsync(T0 + 3 * minute, Ct))[0]);
    }

    [Fact]
    public async Task Retention_compares_times_to_the_millisecond_and_positions_inclusively()
    {
        var store = await NewStoreAsync();
        var at = T0.AddMilliseconds(7);
        await store.State.CommitAsync([new GrainWrite(Grain("p"), null, []) { Events = [Event(Stream("a"), 0, createdAt: at), Event(Stream("a"), 0, createdAt: at)] }], Ct);

        var atTheTime = await store.Streams.DeleteDeliveredAsync(0, 2, at, Ct);
        var justAfter = await store.Streams.DeleteDeliveredAsync(0, 1, at + TimeSpan.FromTicks(1), Ct);

        Assert.Equal(0, atTheTime);
        Assert.Equal(1, justAfter);
        Assert.Equal([2L], (await ReadAllAsync(store, 0)).Select(e => e.Position));
    }
}
