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

    [Fact]
    public async Task Concurrent_batches_and_settlements_touching_the_same_rows_in_different_orders_never_deadlock()
    {
        const int tasks = 8, batchesPerTask = 25;
        var store = await NewStoreAsync();
        var grains = Enumerable.Range(0, 6).Select(i => Grain($"shared-{i}")).ToList();
        foreach (var grain in grains) await SetTimersAsync(store, grain, new TimerUpsert("t", T0, null));
        // Enough other rows that a database looks rows up by key in the order given rather than scanning the table.
        await store.State.CommitAsync([.. Enumerable.Range(0, 2000).Select(i => GrainWrite.ForTimer(Grain($"filler-{i}"), new TimerUpsert("t", T0.AddDays(1), null)))], Ct);

        await Task.WhenAll(Enumerable.Range(0, tasks).Select(task => Task.Run(async () =>
        {
            var random = new Random(task);
            for (var batch = 0; batch < batchesPerTask; batch++)
            {
                var order = grains.OrderBy(_ => random.Next()).ToList();
                if (task % 2 == 0)
                {
                    // Blind state writes (some conflict, which is fine) with timer moves, in a shuffled order.
                    var writes = new List<GrainWrite>();
                    foreach (var grain in order)
                    {
                        var current = await store.State.ReadStateAsync(grain, "state", Ct);
                        writes.Add(new GrainWrite(grain, new StateChange("state", Json("{}"), current?.Version ?? 0),
                            [new TimerUpsert("t", T0.AddSeconds(random.Next(0, 5)), null)]));
                    }

                    await store.State.CommitAsync(writes, Ct);
                }
                else
                {
                    // Settle whatever the lists say, in a shuffled order: acknowledgements and deferrals lock the same rows.
                    var timers = new List<DurableTimerRecord>();
                    foreach (var grain in order) timers.AddRange(await store.Timers.ListAsync(grain, Ct));
                    if (batch % 2 == 0) await store.Timers.AcknowledgeAsync([.. timers.Select(t => Ack(t, t.DueAt.AddSeconds(1)))], Ct);
                    else await store.Timers.DeferAsync([.. timers.Select(t => Ack(t))], T0.AddMinutes(1), Ct);
                }
            }
        })));

        foreach (var grain in grains) Assert.Equal("t", Assert.Single(await store.Timers.ListAsync(grain, Ct)).Name);
    }
}
