using System.Text.Json.Nodes;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>
/// Stream events appended with grain writes: they commit exactly when their write does, each gets the next sequence
/// number of its stream and the next position of its partition, in the order of the writes in the batch and of the
/// events in a write, with no gaps.
/// </summary>
public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task Events_commit_with_their_state_and_read_back_whole_with_their_sequences_and_positions()
    {
        var store = await NewStoreAsync();
        var (order, customer) = (Stream("order-1"), Stream("customer-7", "customers"));
        var at = new DateTimeOffset(2031, 3, 14, 11, 26, 53, 589, TimeSpan.FromHours(2)); // milliseconds and an offset round-trip

        var result = await CommitAsync(store, Write(Grain("order-1"), 0,
            Event(order, 0, "created", """{"id":"order-1","lines":[{"sku":"A-1","qty":2}],"note":"Zoë \" ✓"}""", at),
            Event(order, 0, "submitted", """{"by":"ops"}""", at.AddMilliseconds(1)),
            Event(customer, 1, "ordered", """{"order":"order-1"}""", at.AddMilliseconds(2))));

        AssertCommitted(result, 1, [1, 2, 1]);
        Assert.Equal(1, (await ReadStateAsync(store, "order-1"))!.Version);
        AssertEvents(
        [
            new StoredStreamEvent(0, 1, order, 1, "created", """{"id":"order-1","lines":[{"sku":"A-1","qty":2}],"note":"Zoë \" ✓"}""", at),
            new StoredStreamEvent(0, 2, order, 2, "submitted", """{"by":"ops"}""", at.AddMilliseconds(1)),
        ], await ReadAllAsync(store, 0));
        AssertEvents([new StoredStreamEvent(1, 1, customer, 1, "ordered", """{"order":"order-1"}""", at.AddMilliseconds(2))], await ReadAllAsync(store, 1));
    }

    [Fact]
    public async Task A_write_that_loses_its_version_race_appends_none_of_its_events_and_leaves_no_gap()
    {
        var store = await NewStoreAsync();
        var order = Stream("order-1");
        await CommitAsync(store, Write(Grain("order-1"), 0, Event(order, 0, "created")));

        var stale = await CommitAsync(store, Write(Grain("order-1"), 0, Event(order, 0, "stale"), Event(Stream("other"), 1, "stale")));
        var next = await CommitAsync(store, Write(Grain("order-1"), 1, Event(order, 0, "changed")));

        Assert.Equal(GrainWriteResult.Conflict(1), stale);
        Assert.Null(stale.Sequences);
        AssertCommitted(next, 2, [2]);
        Assert.Equal([(1L, 1L, "created"), (2L, 2L, "changed")], (await ReadAllAsync(store, 0)).Select(e => (e.Position, e.Sequence, e.EventType)));
        Assert.Empty(await ReadAllAsync(store, 1));
        Assert.Equal(new Dictionary<int, long> { [0] = 2 }, await store.Streams.ReadHeadsAsync(Ct));
        Assert.Null(await store.Streams.FindAsync(Stream("other"), 1, Ct));
    }

    [Fact]
    public async Task Events_of_writes_without_a_state_change_always_commit()
    {
        var store = await NewStoreAsync();
        var stream = Stream("order-1");

        var results = await store.State.CommitAsync(
        [
            new GrainWrite(Grain("publisher"), null, []) { Events = [Event(stream, 0, "a"), Event(stream, 0, "b")] },
            new GrainWrite(Grain("scheduler"), null, [new TimerUpsert("sla", T0, null)]) { Events = [Event(stream, 0, "c")] },
        ], Ct);

        AssertCommitted(results[0], 0, [1, 2]);
        AssertCommitted(results[1], 0, [3]);
        Assert.Equal(["a", "b", "c"], (await ReadAllAsync(store, 0)).Select(e => e.EventType));
        Assert.Single(await store.Timers.ListAsync(Grain("scheduler"), Ct));
    }

    [Fact]
    public async Task Writes_without_events_report_no_sequences()
    {
        var store = await NewStoreAsync();

        var results = await store.State.CommitAsync(
        [
            GrainWrite.ForState(Grain("a"), new StateChange("state", Json("{}"), 0)),
            new GrainWrite(Grain("b"), new StateChange("state", Json("{}"), 0), []) { Events = [Event(Stream("b"), 0)] },
            GrainWrite.ForTimer(Grain("c"), new TimerUpsert("sla", T0, null)),
        ], Ct);

        Assert.Equal(GrainWriteResult.Success(1), results[0]);
        AssertCommitted(results[1], 1, [1]);
        Assert.Equal(GrainWriteResult.Success(0), results[2]);
        Assert.Empty(await store.Streams.ReadAsync(1, 0, null, null, 100, Ct));
    }

    [Fact]
    public async Task Sequences_follow_the_order_of_the_writes_in_a_batch_and_of_the_events_in_each_write_across_several_streams()
    {
        var store = await NewStoreAsync();
        var (s1, s2, s3) = (Stream("s1"), Stream("s2"), Stream("s3", "customers"));
        await WriteAsync(store, Grain("stale"), "{}", 0);

        var results = await store.State.CommitAsync(
        [
            Write(Grain("a"), 0, Event(s1, 0, "a1"), Event(s2, 1, "a2"), Event(s1, 2, "a3")),
            Write(Grain("stale"), 0, Event(s1, 0, "lost"), Event(s3, 0, "lost")),
            Write(Grain("b"), 0, Event(s2, 0, "b1"), Event(s3, 1, "b2"), Event(s1, 0, "b3")),
            Write(Grain("c"), 0, Event(s1, 1, "c1")),
        ], Ct);

        AssertCommitted(results[0], 1, [1, 1, 2]);
        Assert.Equal(GrainWriteResult.Conflict(1), results[1]);
        AssertCommitted(results[2], 1, [2, 1, 3]);
        AssertCommitted(results[3], 1, [4]);
        Assert.Equal(
            [("a1", 1L), ("a3", 2L), ("b3", 3L), ("c1", 4L)],
            (await ReadStreamAsync(store, s1, 3)).Select(e => (e.EventType, e.Sequence)));
        Assert.Equal([("a2", 1L), ("b1", 2L)], (await ReadStreamAsync(store, s2, 3)).Select(e => (e.EventType, e.Sequence)));
        Assert.Equal([("b2", 1L)], (await ReadStreamAsync(store, s3, 3)).Select(e => (e.EventType, e.Sequence)));
    }

    [Fact]
    public async Task Writes_to_the_same_state_in_one_batch_append_their_events_in_batch_order()
    {
        // Two activations of one grain can put two writes of the same state into one batch: they apply one after the
        // other, and their events, with those of the writes around them, keep the batch order.
        var store = await NewStoreAsync();
        var stream = Stream("shared");

        var results = await store.State.CommitAsync(
        [
            Write(Grain("a"), 0, Event(stream, 0, "a-first")),
            Write(Grain("b"), 0, Event(stream, 1, "b")),
            Write(Grain("a"), 1, Event(stream, 0, "a-second")),
            new GrainWrite(Grain("c"), null, [new TimerUpsert("t", T0, null)]) { Events = [Event(stream, 1, "c")] },
            Write(Grain("a"), 1, Event(stream, 0, "a-stale")),
            Write(Grain("d"), 3, Event(stream, 1, "d-stale")),
            Write(Grain("d"), 0, Event(stream, 0, "d")),
            new GrainWrite(Grain("c"), null, [new TimerDelete("t")]) { Events = [Event(stream, 1, "c-again")] },
            Write(Grain("a"), 2, Event(stream, 0, "a-third")),
        ], Ct);

        Assert.Equal([true, true, true, true, false, false, true, true, true], results.Select(r => r.Committed));
        Assert.Equal([[1], [2], [3], [4], null, null, [5], [6], [7]], results.Select(r => r.Sequences?.ToArray()));
        Assert.Equal(["a-first", "b", "a-second", "c", "d", "c-again", "a-third"], (await ReadStreamAsync(store, stream, 2)).Select(e => e.EventType));
        Assert.Equal(["a-first", "a-second", "d", "a-third"], (await ReadAllAsync(store, 0)).Select(e => e.EventType));
        Assert.Equal(["b", "c", "c-again"], (await ReadAllAsync(store, 1)).Select(e => e.EventType));
        Assert.Empty(await store.Timers.ListAsync(Grain("c"), Ct));
        Assert.Equal(3, (await ReadStateAsync(store, "a"))!.Version);
    }

    [Fact]
    public async Task Sequences_and_positions_continue_across_batches_without_gaps()
    {
        var store = await NewStoreAsync();
        var stream = Stream("order-1");

        var sequences = new List<long>();
        for (var batch = 0; batch < 5; batch++)
        {
            var result = await CommitAsync(store, Write(Grain("order-1"), batch,
                Event(stream, batch % 2, $"e{batch}-0"), Event(stream, batch % 2, $"e{batch}-1"), Event(Stream("other"), 2, $"o{batch}")));
            sequences.AddRange(result.Sequences!);
        }

        Assert.Equal([1, 2, 1, 3, 4, 2, 5, 6, 3, 7, 8, 4, 9, 10, 5], sequences);
        Assert.Equal([1L, 2, 3, 4, 5, 6], (await ReadAllAsync(store, 0)).Select(e => e.Position));
        Assert.Equal(["e0-0", "e0-1", "e2-0", "e2-1", "e4-0", "e4-1"], (await ReadAllAsync(store, 0)).Select(e => e.EventType));
        Assert.Equal([1L, 2, 3, 4], (await ReadAllAsync(store, 1)).Select(e => e.Position));
        Assert.Equal([1L, 2, 3, 4, 5], (await ReadAllAsync(store, 2)).Select(e => e.Sequence));
        Assert.Equal(new Dictionary<int, long> { [0] = 6, [1] = 4, [2] = 5 }, await store.Streams.ReadHeadsAsync(Ct));
    }

    [Fact]
    public async Task Positions_of_each_partition_count_from_1_in_batch_order_whatever_the_streams()
    {
        var store = await NewStoreAsync();
        var events = Enumerable.Range(0, 40).Select(i => Event(Stream($"s{i % 7}", i % 3 == 0 ? "orders" : "customers"), i % 4, $"e{i}")).ToList();

        await store.State.CommitAsync(
        [
            .. events.Chunk(10).Select((chunk, w) => new GrainWrite(Grain($"w{w}"), w % 2 == 0 ? new StateChange("state", Json("{}"), 0) : null, [])
                { Events = chunk }),
        ], Ct);

        for (var partition = 0; partition < 4; partition++)
        {
            var read = await ReadAllAsync(store, partition);
            Assert.Equal(Enumerable.Range(1, 10).Select(p => (long)p), read.Select(e => e.Position));
            Assert.Equal(events.Where(e => e.Partition == partition).Select(e => e.EventType), read.Select(e => e.EventType));
        }
    }

    [Fact]
    public async Task A_write_with_state_timers_and_events_applies_all_of_them_or_none_of_them()
    {
        var store = await NewStoreAsync();
        var grain = Grain("order-1");
        var stream = Stream("order-1");

        var first = await CommitAsync(store, new GrainWrite(grain, new StateChange("state", Json("""{"n":1}"""), 0),
            [new TimerUpsert("sla", T0.AddHours(1), null), new TimerUpsert("poll", T0, TimeSpan.FromMinutes(1))]) { Events = [Event(stream, 3, "created")] });
        var stale = await CommitAsync(store, new GrainWrite(grain, new StateChange("state", Json("""{"n":"stale"}"""), 0),
            [new TimerDelete("sla"), new TimerUpsert("new", T0, null)]) { Events = [Event(stream, 3, "stale")] });
        var second = await CommitAsync(store, new GrainWrite(grain, new StateChange("state", Json("""{"n":2}"""), 1),
            [new TimerDelete("poll")]) { Events = [Event(stream, 3, "changed"), Event(stream, 3, "shipped")] });

        AssertCommitted(first, 1, [1]);
        Assert.Equal(GrainWriteResult.Conflict(1), stale);
        AssertCommitted(second, 2, [2, 3]);
        AssertJson("""{"n":2}""", (await ReadStateAsync(store, "order-1"))!.Payload);
        Assert.Equal([("sla", T0.AddHours(1))], (await store.Timers.ListAsync(grain, Ct)).Select(t => (t.Name, t.DueAt)));
        Assert.Equal(["created", "changed", "shipped"], (await ReadAllAsync(store, 3)).Select(e => e.EventType));
    }

    protected static StreamId Stream(string key, string streamNamespace = "orders") => new(streamNamespace, key);

    protected static StreamAppend Event(StreamId stream, int partition, string type = "changed", string json = """{"n":1}""",
        DateTimeOffset? createdAt = null) => new(stream, partition, type, json, createdAt ?? T0);

    /// <summary>A state write of <paramref name="grain"/> expecting <paramref name="expectedVersion"/>, with events.</summary>
    protected static GrainWrite Write(GrainId grain, long expectedVersion, params StreamAppend[] events) =>
        new(grain, new StateChange("state", Json($$"""{"v":{{expectedVersion + 1}}}"""), expectedVersion), []) { Events = events };

    protected async Task<GrainWriteResult> CommitAsync(TestStore store, GrainWrite write) => Assert.Single(await store.State.CommitAsync([write], Ct));

    protected Task<StoredGrainState?> ReadStateAsync(TestStore store, string grainKey) => store.State.ReadStateAsync(Grain(grainKey), "state", Ct);

    protected Task<IReadOnlyList<StoredStreamEvent>> ReadAllAsync(TestStore store, int partition, long afterPosition = 0) =>
        store.Streams.ReadAsync(partition, afterPosition, null, null, 100_000, Ct);

    /// <summary>The events of one stream from partitions 0 to <paramref name="lastPartition"/>, in sequence order.</summary>
    protected async Task<List<StoredStreamEvent>> ReadStreamAsync(TestStore store, StreamId stream, int lastPartition)
    {
        var events = new List<StoredStreamEvent>();
        for (var partition = 0; partition <= lastPartition; partition++)
            events.AddRange(await store.Streams.ReadAsync(partition, 0, [stream.Namespace], stream.Key, 100_000, Ct));
        return events.OrderBy(e => e.Sequence).ToList();
    }

    protected static void AssertCommitted(GrainWriteResult result, long version, long[] sequences)
    {
        Assert.True(result.Committed, "The write should have committed.");
        Assert.Equal(version, result.Version);
        Assert.Equal(sequences, result.Sequences);
    }

    /// <summary>Compares events whole, their payloads as JSON documents (PostgreSQL's jsonb normalises spacing and key order).</summary>
    protected static void AssertEvents(IReadOnlyList<StoredStreamEvent> expected, IReadOnlyList<StoredStreamEvent> actual) =>
        Assert.Equal(expected.Select(Canonical), actual.Select(Canonical));

    protected static StoredStreamEvent Canonical(StoredStreamEvent e) => e with { PayloadJson = CanonicalJson(e.PayloadJson) };

    /// <summary>The JSON with object keys sorted and no spacing, so equal documents compare equal as text.</summary>
    protected static string CanonicalJson(string json) => Sort(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };
}
