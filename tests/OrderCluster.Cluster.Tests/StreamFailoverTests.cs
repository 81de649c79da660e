using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace OrderCluster.Cluster.Tests;

public sealed class StreamFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_hundred_thousand_events_over_a_thousand_streams_arrive_in_order_and_complete_while_a_silo_is_killed()
    {
        const int streams = 1000, perStream = 100;
        await using var cluster = await TestClusters.StartAsync(3);
        var (publishing, victim) = (cluster.Silos[0], cluster.Silos[2]);
        var publisher = publishing.Services.GetRequiredService<IStreamPublisher>();
        var watch = Stopwatch.StartNew();

        // 100 rounds; each round appends the next event of every stream, in batches of 200 events.
        for (var round = 1; round <= perStream; round++)
        {
            var events = Enumerable.Range(0, streams)
                .Select(s => new StreamEventData(new StreamId("test", $"fo-{s}"), "numbered", new NumberedEvent(round))).ToList();
            await Task.WhenAll(events.Chunk(200).Select(chunk => publisher.PublishAsync(chunk)));
            if (round == 30) await cluster.KillSiloAsync(victim); // mid-stream: its partitions and consumers move
        }

        var published = watch.Elapsed;
        var incomplete = Enumerable.Range(0, streams).ToList();
        await Eventually.TrueAsync(async () =>
        {
            var left = new List<int>();
            foreach (var s in incomplete)
                if ((await publishing.Grains.GetGrain<IStreamRecorderGrain>($"fo-{s}").GetAsync()).LastSequence < perStream) left.Add(s);
            incomplete = left;
            return left.Count == 0;
        }, "every stream is delivered completely", TimeSpan.FromMinutes(5));

        var duplicates = 0;
        foreach (var s in Enumerable.Range(0, streams))
        {
            var progress = await publishing.Grains.GetGrain<IStreamRecorderGrain>($"fo-{s}").GetAsync();
            Assert.Equal(0, progress.Gaps);
            Assert.Equal(perStream, progress.Applied);
            duplicates += progress.Duplicates;
        }

        output.WriteLine($"published 100,000 events in {published.TotalSeconds:0.0} s, all delivered after {watch.Elapsed.TotalSeconds:0.0} s; "
                         + $"{duplicates} redelivered duplicates dropped by the consumers");
    }
}
