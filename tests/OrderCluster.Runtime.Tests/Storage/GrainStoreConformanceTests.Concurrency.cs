using System.Text;
using System.Text.Json.Nodes;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task Concurrent_batches_to_distinct_grains_all_land_with_the_right_versions()
    {
        // 100 tasks, each writing 100 times: 10 batches of one write to each of its 10 grains.
        const int tasks = 100, grainsPerTask = 10, batchesPerTask = 10;
        var store = await NewStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            var outcomes = new List<GrainWriteResult>();
            for (var batch = 0; batch < batchesPerTask; batch++)
            {
                var writes = Enumerable.Range(0, grainsPerTask)
                    .Select(g => GrainWrite.ForState(Grain($"t{task}-g{g}"), new StateChange("state", Json($$"""{"n":{{batch + 1}}}"""), batch)))
                    .ToList();
                outcomes.AddRange(await store.State.CommitAsync(writes, Ct));
            }

            return outcomes;
        })));

        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Committed));
        Assert.Equal(tasks * grainsPerTask * batchesPerTask, results.Sum(r => r.Count));
        for (var task = 0; task < tasks; task++)
        {
            for (var g = 0; g < grainsPerTask; g++)
            {
                var stored = await store.State.ReadStateAsync(Grain($"t{task}-g{g}"), "state", Ct);
                Assert.Equal(batchesPerTask, stored!.Version);
                AssertJson($$"""{"n":{{batchesPerTask}}}""", stored.Payload);
            }
        }
    }

    [Fact]
    public async Task Writers_racing_on_one_grain_with_read_modify_write_retries_lose_no_increment()
    {
        const int writers = 50, incrementsPerWriter = 3;
        var store = await NewStoreAsync();
        var grain = Grain("hot");

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < incrementsPerWriter;)
            {
                var current = await store.State.ReadStateAsync(grain, "state", Ct);
                var counter = current?.Payload is { } payload ? JsonNode.Parse(payload)!["counter"]!.GetValue<int>() : 0;
                var result = await WriteAsync(store, grain, $$"""{"counter":{{counter + 1}}}""", current?.Version ?? 0);
                if (result.Committed)
                {
                    done++;
                }
                else
                {
                    Assert.NotEqual(current?.Version ?? 0, result.Version); // a conflict reports the newer version it found
                }
            }
        })));
        var stored = await store.State.ReadStateAsync(grain, "state", Ct);

        Assert.Equal(writers * incrementsPerWriter, stored!.Version);
        Assert.Equal(writers * incrementsPerWriter, JsonNode.Parse(Encoding.UTF8.GetString(stored.Payload!))!["counter"]!.GetValue<int>());
    }
}
