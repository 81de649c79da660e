using OrderCluster.Runtime.Storage;
using OrderCluster.Testing.Sqlite;

namespace OrderCluster.Runtime.Tests.Streams;

/// <summary>Streams through the runtime, on every storage provider.</summary>
public abstract class StreamTests : SiloOnStorageTests
{
    protected override void Configure(TestSiloOptions options)
    {
        RuntimeTestSilo.AddTestGrains(options);
        options.Configuration["Streams:RetryBackoff"] = "00:00:00.050";
        options.Configuration["Streams:MaxRetryBackoff"] = "00:00:00.200";
        options.Configuration["Streams:MaxDeliveryAttempts"] = "3";
        options.Configuration["Streams:MaxTransientDeliveryAttempts"] = "8";
        options.Configuration["Streams:Partitions"] = "4";
        // Handled events are old enough to delete at once; retention itself only runs when a test asks (its interval is 5 min).
        options.Configuration["Streams:Retention"] = "00:00:00.001";
    }

    private const string RecorderGroup = "implicit:stream-recorder:test";

    private IStreamRecorderGrain Recorder(string key) => Silo.Grains.GetGrain<IStreamRecorderGrain>(key);

    [Fact]
    public async Task Events_written_with_state_reach_their_consumer_in_order_with_their_sequence_numbers()
    {
        var producer = Silo.Grains.GetGrain<IStreamProducerGrain>("p1");

        var first = await producer.AppendAsync(3);
        var second = await producer.AppendAsync(2);

        Assert.Equal([1, 2, 3], first);
        Assert.Equal([4, 5], second);
        await Eventually.TrueAsync(async () => (await Recorder("p1").GetAsync()).LastSequence == 5, "the consumer has all five");
        Assert.Equal(new StreamProgress(5, 0, 0, 5), await Recorder("p1").GetAsync());
    }

    [Fact]
    public async Task A_state_write_that_loses_its_version_race_publishes_nothing()
    {
        var producer = Silo.Grains.GetGrain<IStreamProducerGrain>("raced");
        await producer.AppendAsync(1);
        var store = Silo.Get<IGrainStateStore>();
        var bump = await store.CommitAsync([GrainWrite.ForState(new GrainId("stream-producer", "raced"),
            new StateChange("producer", """{"appended":1}"""u8.ToArray(), 1))], default);
        Assert.True(bump[0].Committed);

        await Assert.ThrowsAsync<InconsistentStateException>(() => producer.AppendAsync(5));
        var after = await producer.AppendAsync(1); // the reloaded grain appends again

        Assert.Equal([2], after); // no event of the refused write took a sequence number
        await Eventually.TrueAsync(async () => (await Recorder("raced").GetAsync()).LastSequence == 2, "the consumer has both");
        Assert.Equal(2, (await Recorder("raced").GetAsync()).Applied);
        var stored = await Silo.Get<IStreamStore>().FindAsync(new StreamId("test", "raced"), 3, default);
        Assert.Null(stored);
    }

    [Fact]
    public async Task Many_streams_written_concurrently_arrive_complete_and_in_order()
    {
        const int streams = 200, perStream = 30;
        await Parallel.ForEachAsync(Enumerable.Range(0, streams), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (s, _) =>
        {
            for (var i = 0; i < 3; i++) await Silo.Grains.GetGrain<IStreamProducerGrain>($"many-{s}").AppendAsync(perStream / 3);
        });

        foreach (var s in Enumerable.Range(0, streams))
        {
            var recorder = Recorder($"many-{s}");
            await Eventually.TrueAsync(async () => (await recorder.GetAsync()).LastSequence == perStream, $"stream many-{s} is complete");
            Assert.Equal(0, (await recorder.GetAsync()).Gaps);
        }
    }

    [Fact]
    public async Task Events_published_without_state_are_delivered()
    {
        var publisher = Silo.Get<IStreamPublisher>();

        var sequences = await publisher.PublishAsync([
            new StreamEventData(new StreamId("test", "loose"), "numbered", new NumberedEvent(1)),
            new StreamEventData(new StreamId("test", "loose"), "numbered", new NumberedEvent(2)),
        ]);

        Assert.Equal([1, 2], sequences);
        await Eventually.TrueAsync(async () => (await Recorder("loose").GetAsync()).LastSequence == 2, "delivered");
    }

    [Fact]
    public async Task A_poison_event_is_retried_then_dead_lettered_without_blocking_other_streams_and_can_be_redriven()
    {
        var publisher = Silo.Get<IStreamPublisher>();
        var admin = Silo.Get<IStreamAdmin>();
        var run = Guid.NewGuid().ToString("N")[..8]; // the poison consumer remembers by key across test classes
        StreamEventData Poison(string key, string text) => new(new StreamId("poison", $"{key}-{run}"), "text", new PoisonEvent(text));

        await publisher.PublishAsync([Poison("sick", "a"), Poison("sick", "poison"), Poison("sick", "c"), Poison("well", "x")]);

        var sick = Silo.Grains.GetGrain<IPoisonConsumerGrain>($"sick-{run}");
        await Eventually.TrueAsync(async () => (await sick.GetHandledAsync()).Contains("3:c"), "events after the poison one go on once it is dead-lettered");
        Assert.Equal(["1:a", "3:c"], await sick.GetHandledAsync());
        Assert.Equal(["1:x"], await Silo.Grains.GetGrain<IPoisonConsumerGrain>($"well-{run}").GetHandledAsync());
        var deadLetter = Assert.Single(await admin.ListDeadLettersAsync("implicit:poison-consumer:poison", 10));
        Assert.Equal(2, deadLetter.Sequence);
        Assert.Equal(3, deadLetter.Attempts);
        Assert.Contains("is poison", deadLetter.Error);

        Assert.False((await admin.RedriveAsync(deadLetter.Id)).Delivered); // still poison: it stays
        await sick.HealAsync();
        var redriven = await admin.RedriveAsync(deadLetter.Id);

        Assert.True(redriven.Delivered, redriven.Error);
        Assert.Contains("2:poison", await sick.GetHandledAsync());
        Assert.Empty(await admin.ListDeadLettersAsync(null, 10));
    }

    [Fact]
    public async Task An_event_that_fails_only_transiently_is_retried_past_the_attempt_limit_and_not_dead_lettered()
    {
        var publisher = Silo.Get<IStreamPublisher>();
        var admin = Silo.Get<IStreamAdmin>();
        var key = "slow-" + Guid.NewGuid().ToString("N")[..8];
        StreamEventData Flaky(string text, int failures) => new(new StreamId("flaky", key), "text", new FlakyEvent(text, failures));

        // Twice the dead-letter limit of 3 (this class's setting) in timeouts, as while a silo it calls is down.
        await publisher.PublishAsync([Flaky("a", 6), Flaky("b", 0)]);

        var consumer = Silo.Grains.GetGrain<IFlakyConsumerGrain>(key);
        await Eventually.TrueAsync(async () => (await consumer.GetHandledAsync()).Count == 2, "both events are handled once the timeouts stop");
        Assert.Equal(["a", "b"], await consumer.GetHandledAsync());
        Assert.Empty(await admin.ListDeadLettersAsync("implicit:flaky-consumer:flaky", 10));
    }

    [Fact]
    public async Task An_event_that_keeps_failing_transiently_is_dead_lettered_after_the_transient_limit()
    {
        var publisher = Silo.Get<IStreamPublisher>();
        var admin = Silo.Get<IStreamAdmin>();
        var key = "stuck-" + Guid.NewGuid().ToString("N")[..8];
        StreamEventData Flaky(string text, int failures) => new(new StreamId("flaky", key), "text", new FlakyEvent(text, failures));

        await publisher.PublishAsync([Flaky("never", 1_000), Flaky("after", 0)]);

        var consumer = Silo.Grains.GetGrain<IFlakyConsumerGrain>(key);
        await Eventually.TrueAsync(async () => (await consumer.GetHandledAsync()).Contains("after"), "the stream goes on once the stuck event is dead-lettered");
        var deadLetter = Assert.Single(await admin.ListDeadLettersAsync("implicit:flaky-consumer:flaky", 10));
        Assert.Equal(8, deadLetter.Attempts); // this class's Streams:MaxTransientDeliveryAttempts, not the 3 of MaxDeliveryAttempts
        Assert.Contains("TimeoutException", deadLetter.Error);
        Assert.Equal(["after"], await consumer.GetHandledAsync());
    }

    [Fact]
    public async Task A_replayed_projection_equals_the_live_one()
    {
        var publisher = Silo.Get<IStreamPublisher>();
        var random = new Random(7);
        var events = Enumerable.Range(0, 300).Select(_ => new StreamEventData(
            new StreamId("ledger", $"acme/acct-{random.Next(12)}"), "entry", new LedgerEntry(random.Next(-500, 1000) / 10m))).ToList();
        foreach (var chunk in events.Chunk(25)) await publisher.PublishAsync(chunk);
        var projection = Silo.Grains.GetGrain<ILedgerProjectionGrain>("acme");
        var expected = events.GroupBy(e => e.Stream.Key).ToDictionary(g => g.Key, g => g.Sum(e => ((LedgerEntry)e.Payload).Amount));
        await Eventually.TrueAsync(async () => Same(expected, await projection.GetBalancesAsync()), "the live projection is complete");
        var live = await projection.GetBalancesAsync();

        await projection.ClearAsync();
        await Silo.Get<IStreamAdmin>().ResetGroupAsync("implicit:ledger-projection:ledger", StreamReset.FromStart);

        await Eventually.TrueAsync(async () => Same(live, await projection.GetBalancesAsync()), "the replay rebuilds the same projection");
    }

    [Fact]
    public async Task Resetting_a_group_to_a_time_redelivers_exactly_the_events_committed_after_it()
    {
        var producer = Silo.Grains.GetGrain<IStreamProducerGrain>("replay-time");
        await producer.AppendAsync(4);
        await Eventually.TrueAsync(async () => (await Recorder("replay-time").GetAsync()).LastSequence == 4, "the first four are handled");
        await Task.Delay(20); // times are stored to the millisecond: the reset point lies strictly between the two rounds
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await producer.AppendAsync(3);
        await Eventually.TrueAsync(async () => (await Recorder("replay-time").GetAsync()).LastSequence == 7, "the next three are handled");

        await Silo.Get<IStreamAdmin>().ResetGroupAsync(RecorderGroup, new StreamReset(FromTime: between));

        await Eventually.TrueAsync(async () => (await Recorder("replay-time").GetAsync()).Duplicates == 3, "events 5-7 come again");
        await Task.Delay(300); // nothing older follows
        Assert.Equal(new StreamProgress(7, 3, 0, 7), await Recorder("replay-time").GetAsync());
    }

    [Fact]
    public async Task Resetting_a_group_to_a_streams_sequence_redelivers_that_stream_from_there()
    {
        var producer = Silo.Grains.GetGrain<IStreamProducerGrain>("replay-sequence");
        await producer.AppendAsync(5);
        await Eventually.TrueAsync(async () => (await Recorder("replay-sequence").GetAsync()).LastSequence == 5, "all five are handled");

        await Silo.Get<IStreamAdmin>().ResetGroupAsync(RecorderGroup,
            new StreamReset(Stream: new StreamId("test", "replay-sequence"), FromSequence: 3));

        await Eventually.TrueAsync(async () => (await Recorder("replay-sequence").GetAsync()).Duplicates == 3, "events 3-5 come again");
        await Task.Delay(300);
        Assert.Equal(new StreamProgress(5, 3, 0, 5), await Recorder("replay-sequence").GetAsync());
    }

    [Fact]
    public async Task An_explicit_subscription_delivers_one_stream_to_its_consumer_until_it_is_removed()
    {
        var admin = Silo.Get<IStreamAdmin>();
        var publisher = Silo.Get<IStreamPublisher>();
        var consumer = new GrainId("stream-recorder", "explicit-copy");
        await admin.SubscribeAsync("copy-of-one", "test", "one", consumer);

        await publisher.PublishAsync([new StreamEventData(new StreamId("test", "one"), "numbered", new NumberedEvent(1)),
            new StreamEventData(new StreamId("test", "two"), "numbered", new NumberedEvent(1))]);

        var copy = Recorder("explicit-copy");
        await Eventually.TrueAsync(async () => (await copy.GetAsync()).LastSequence == 1, "the subscribed stream reaches the consumer");
        Assert.Contains(await admin.ListGroupsAsync(), g => g.Group == "copy-of-one" && g.Kind == "explicit");
        Assert.True(await admin.UnsubscribeAsync("copy-of-one"));
        Assert.DoesNotContain(await admin.ListGroupsAsync(), g => g.Group == "copy-of-one");
        Assert.Equal(1, (await copy.GetAsync()).Applied); // only stream "one", never "two"
    }

    [Fact]
    public async Task Lag_falls_to_zero_once_everything_is_handled()
    {
        await Silo.Grains.GetGrain<IStreamProducerGrain>("lagging").AppendAsync(20);
        var admin = Silo.Get<IStreamAdmin>();

        await Eventually.TrueAsync(async () => (await Recorder("lagging").GetAsync()).LastSequence == 20, "delivered");
        await Eventually.TrueAsync(async () => (await admin.GetLagAsync()).Where(l => l.Group == "implicit:stream-recorder:test").All(l => l.Events == 0),
            "the recorder group's cursors reach the heads");
    }

    [Fact]
    public async Task Retention_deletes_handled_events_and_the_stream_goes_on_numbering_after_them()
    {
        var producer = Silo.Grains.GetGrain<IStreamProducerGrain>("retained");
        await producer.AppendAsync(5);
        await Eventually.TrueAsync(async () => (await Silo.Get<IStreamAdmin>().GetLagAsync()).All(l => l.Events == 0), "every group handled them");
        await Task.Delay(5); // older than the retention age

        var deleted = await Silo.Get<Runtime.Streams.StreamRetentionService>().ApplyAsync(default);
        var appended = await producer.AppendAsync(1);

        Assert.True(deleted >= 5, $"deleted {deleted}");
        Assert.Null(await Silo.Get<IStreamStore>().FindAsync(new StreamId("test", "retained"), 1, default));
        Assert.Equal([6], appended);
        await Eventually.TrueAsync(async () => (await Recorder("retained").GetAsync()).LastSequence == 6, "the new event is delivered");
    }

    private static bool Same(IReadOnlyDictionary<string, decimal> expected, IReadOnlyDictionary<string, decimal> actual) =>
        expected.Count == actual.Count && expected.All(e => actual.TryGetValue(e.Key, out var v) && v == e.Value);
}

public sealed class MemoryStreamTests : StreamTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteStreamTests(SqliteDatabaseFixture sqlite) : StreamTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresStreamTests : StreamTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
