using OrderCluster.Dashboard.Cluster;
using OrderCluster.Dashboard.Collection;
using OrderCluster.Dashboard.Tests.Grains;
using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Tests.Collection;

public sealed class CollectionTests
{
    [Fact]
    public async Task The_recent_calls_log_keeps_each_grains_latest_calls_newest_first_and_stays_bounded()
    {
        await using var silo = await DashboardSilo.StartAsync(withDashboard: true, new() { ["Dashboard:RecentCalls"] = "64" });
        for (var i = 0; i < 500; i++) await silo.Grains.GetGrain<IProfileGrain>($"p{i % 5}").GetTierAsync();
        await silo.Grains.GetGrain<IProfileGrain>("p3").SaveAsync(new ProfileState { Tier = "gold" });

        var log = silo.Get<RecentCallLog>();
        var all = log.Snapshot(limit: 10_000);
        var stripes = (int)Math.Min(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        var bound = stripes * (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 64 / stripes));
        Assert.InRange(all.Count, 16, bound);
        var p3 = log.Snapshot(new GrainId("profile", "p3"), 10);
        Assert.Equal("IProfileGrain.SaveAsync", p3[0].Method);
        Assert.All(p3, c => Assert.Equal(new GrainId("profile", "p3"), c.GrainId));
        Assert.Equal(p3.OrderByDescending(c => c.StartedAt), p3);
    }

    [Fact]
    public async Task Without_the_dashboard_the_recent_calls_log_is_off()
    {
        await using var silo = await DashboardSilo.StartAsync(withDashboard: false);
        await silo.Grains.GetGrain<IProfileGrain>("p").GetTierAsync();
        Assert.False(silo.Get<RecentCallLog>().IsEnabled);
        Assert.Empty(silo.Get<RecentCallLog>().Snapshot());
    }

    [Fact]
    public async Task Failed_calls_are_recorded_with_their_exception_type()
    {
        await using var silo = await DashboardSilo.StartAsync(withDashboard: true);
        await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<IProfileGrain>("f").FailAsync());
        var call = Assert.Single(silo.Get<RecentCallLog>().Snapshot(new GrainId("profile", "f")));
        Assert.Equal(nameof(InvalidOperationException), call.Error);
    }

    [Fact]
    public async Task The_sampler_turns_metrics_into_per_second_points_and_windowed_figures_per_method()
    {
        await using var silo = await DashboardSilo.StartAsync(withDashboard: true);
        var sampler = silo.Get<SiloSampler>();
        await Testing.Eventually.TrueAsync(() => sampler.Samples > 0, "the first sample is taken");
        for (var i = 0; i < 20; i++) await silo.Grains.GetGrain<IProfileGrain>($"s{i % 4}").GetTierAsync();
        for (var i = 0; i < 3; i++) await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<IProfileGrain>("s0").FailAsync());

        var report = sampler.SampleOnce();

        var reads = Assert.Single(report.Methods, m => m.Method == "IProfileGrain.GetTierAsync");
        Assert.Equal(("profile", 20L, 0L), (reads.GrainType, reads.Calls, reads.Errors));
        var failures = Assert.Single(report.Methods, m => m.Method == "IProfileGrain.FailAsync");
        Assert.Equal((3L, 3L), (failures.Calls, failures.Errors));
        Assert.Equal(23, sampler.History.ToList().Sum(p => p.Latency.Sum()));
        Assert.Equal(4, report.ActivationsByType["profile"]);
        Assert.True(Buckets.Quantile(Buckets.SecondsBounds, reads.Latency, 0.99) > 0);
    }

    [Fact]
    public async Task However_many_viewers_ask_the_cluster_snapshot_is_built_at_most_once_a_second()
    {
        await using var silo = await DashboardSilo.StartAsync(withDashboard: true);
        var source = silo.Get<ClusterSnapshotSource>();
        var snapshots = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => source.GetAsync(CancellationToken.None)));
        Assert.Equal(1, source.Builds);
        Assert.All(snapshots, s => Assert.Same(snapshots[0], s));
        var silos = Assert.Single(snapshots[0].Silos);
        Assert.Equal(("Active", "ok", true), (silos.Status, silos.Reachability, silos.IsLocal));
    }

    [Fact]
    public void Cluster_figures_merge_the_silos_buckets_exactly()
    {
        long[] Latency(int bucket, long count)
        {
            var counts = new long[Buckets.SecondsBounds.Length + 1];
            counts[bucket] = count;
            return counts;
        }

        SiloReport Report(string silo, long[] latency, long errors) => new(silo, silo, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 60, 0, 0, 0, 2,
            new Dictionary<string, long> { ["order"] = 2 }, 0, new SiloPoint(1, latency.Sum(), errors, latency, 0, 0, 2),
            [new MethodFigures("order", "IOrderGrain.Place", latency.Sum(), errors, latency)], [], 0,
            new TimerFigures(0, 0, 0, 0, Latency(0, 0), Latency(0, 0)), [], []);
        SiloView View(SiloReport report) => new(report.Silo, report.Name, "Active", 1, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [], false, "ok", null, report);

        // 98 fast calls (<= 1 ms) on one silo, 2 slow ones (<= 1 s) on the other: the cluster's p99 lies in the slow bucket.
        var snapshot = ClusterAggregation.Build(DateTimeOffset.UnixEpoch, true, "a", [View(Report("a", Latency(3, 98), 0)), View(Report("b", Latency(12, 2), 2))],
            null, []);

        var method = Assert.Single(snapshot.Methods);
        Assert.Equal((100L, 2L, 0.02), (method.Calls, method.Errors, method.ErrorRate));
        Assert.InRange(method.P50, 0.0005, 0.001);
        Assert.InRange(method.P99, 0.5, 1.0);
        Assert.Equal((100.0, 2.0, 4L), (snapshot.Totals.CallsPerSecond, snapshot.Totals.ErrorsPerSecond, snapshot.Totals.Activations));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 2, ["b"] = 2 }, snapshot.ActivationsByType["order"]);
    }
}
