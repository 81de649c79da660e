using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

public abstract partial class GrainStoreConformanceTests
{
    /// <summary>
    /// Many committers append to the same streams and partitions while a reader tails every partition, each time reading
    /// "after the last position it saw". Sequences and positions must come out gapless and unique, and the reader must
    /// see every event exactly once: if a partition's positions did not follow commit order (a position taken by one
    /// transaction while another, holding a smaller one, has not committed yet), the reader would move past the smaller
    /// position before it became visible and never see that event.
    /// </summary>
    [Fact]
    public async Task Concurrent_committers_get_gapless_sequences_and_positions_and_a_tailing_reader_sees_every_event_once()
    {
        const int committers = 20, eventsPerCommitter = 200, streamCount = 10, partitions = 4;
        var store = await NewStoreAsync();
        var streams = Enumerable.Range(0, streamCount).Select(i => Stream($"shared-{i}")).ToArray();

        var committing = Task.WhenAll(Enumerable.Range(0, committers).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var grain = Grain($"committer-{c}");
            var version = 0L;
            var appended = new List<(StreamAppend Event, long Sequence)>();
            while (appended.Count < eventsPerCommitter)
            {
                // One to three events per commit (few stream heads per commit, so many commits race for each partition);
                // about every other commit also writes the committer's state.
                var events = Enumerable.Range(0, Math.Min(random.Next(1, 4), eventsPerCommitter - appended.Count))
                    .Select(_ => Event(streams[random.Next(streamCount)], random.Next(partitions), "e", $$"""{"c":{{c}},"i":{{appended.Count}}}"""))
                    .ToArray();
                var withState = random.Next(2) == 0;
                var write = new GrainWrite(grain, withState ? new StateChange("state", Json("{}"), version) : null, []) { Events = events };
                var result = Assert.Single(await store.State.CommitAsync([write], Ct));
                Assert.True(result.Committed);
                if (withState) version++;
                appended.AddRange(events.Zip(result.Sequences!));
            }

            return appended;
        })));

        // A tailing reader per partition: reads after the last position it saw, over and over, until the committers are
        // done; then reads what is left.
        var tailing = Enumerable.Range(0, partitions).Select(partition => Task.Run(async () =>
        {
            var seen = new List<StoredStreamEvent>();
            var after = 0L;
            while (true)
            {
                var finished = committing.IsCompleted;
                var events = await store.Streams.ReadAsync(partition, after, null, null, 50, Ct);
                seen.AddRange(events);
                if (events.Count > 0) after = events[^1].Position;
                else if (finished) return seen;
                await Task.Yield(); // synchronous stores: let the committers run
            }
        })).ToList();
        var appendedByCommitter = await committing;
        var seen = (await Task.WhenAll(tailing)).SelectMany(s => s).ToList();

        var appended = appendedByCommitter.SelectMany(a => a).ToList();
        const int total = committers * eventsPerCommitter;
        Assert.Equal(total, appended.Count);
        foreach (var stream in streams)
        {
            var sequences = appended.Where(a => a.Event.Stream == stream).Select(a => a.Sequence).Order().ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        }

        // Exactly once: no event twice, none missing, each where the committer was told it is.
        Assert.Equal(total, seen.Select(e => (e.Partition, e.Position)).Distinct().Count());
        Assert.Equal(total, seen.Count);
        Assert.Equal(
            appended.Select(a => (a.Event.Stream.ToString(), a.Sequence, a.Event.Partition, CanonicalJson(a.Event.PayloadJson))).Order().ToList(),
            seen.Select(e => (e.Stream.ToString(), e.Sequence, e.Partition, CanonicalJson(e.PayloadJson))).Order().ToList());

        var heads = await store.Streams.ReadHeadsAsync(Ct);
        for (var partition = 0; partition < partitions; partition++)
        {
            var stored = await ReadAllAsync(store, partition);
            Assert.Equal(Enumerable.Range(1, appended.Count(a => a.Event.Partition == partition)).Select(n => (long)n), stored.Select(e => e.Position));
            Assert.Equal(stored.Count, heads[partition]);
        }
    }
}
