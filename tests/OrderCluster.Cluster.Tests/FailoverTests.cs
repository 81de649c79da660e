using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;
using Xunit.Abstractions;

namespace OrderCluster.Cluster.Tests;

public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly List<string> Keys = Enumerable.Range(0, 200).Select(i => $"load-{i}").ToList();

    [Fact]
    public async Task After_a_silo_is_killed_under_load_its_grains_answer_again_and_no_acknowledged_write_is_lost()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var (entry1, entry2, victim) = (cluster.Silos[0], cluster.Silos[1], cluster.Silos[2]);
        var victimAddress = victim.Address;
        var victimKey = Keys.First(k => OwnerOf(entry1, k).Equals(victimAddress));
        var load = new LoadDriver([entry1.Grains, entry2.Grains], Keys);
        load.Start(writers: 16);
        await Eventually.TrueAsync(() => load.Succeeded > 500, "the load is running");

        var killed = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        await AnswersAgainAsync(entry1.Grains, victimKey);
        var recovery = killed.Elapsed;
        var before = load.Succeeded;
        await Eventually.TrueAsync(() => load.Succeeded > before + 500, "the load continues after recovery");
        await load.StopAsync();

        output.WriteLine($"grains of the killed silo answered again {recovery.TotalSeconds:0.0} s after SIGKILL-equivalent; "
                         + $"{load.Succeeded} acknowledged writes; failures: {string.Join(", ", load.Failures.Select(f => $"{f.Key}={f.Value}"))}");
        Assert.Empty(await load.LostWritesAsync(entry1.Grains));
        Assert.DoesNotContain(victimAddress, entry1.RingSilos);
        Assert.All(load.Failures.Keys, type => Assert.Contains(type, new[] { nameof(TimeoutException), nameof(GrainCallOutcomeUnknownException) }));
    }

    [Fact]
    public async Task Adding_a_silo_moves_about_a_third_of_the_grains_only_to_it_and_keeps_their_state()
    {
        await using var cluster = await TestClusters.StartAsync(2);
        var keys = Enumerable.Range(0, 900).Select(i => $"move-{i}").ToList();
        await Parallel.ForEachAsync(keys, async (key, _) => await cluster.Grains.GetGrain<ICounterGrain>(key).AddAsync(key.Length));
        var before = keys.ToDictionary(k => k, k => OwnerOf(cluster.Silos[0], k));

        var added = await cluster.StartSiloAsync();
        await cluster.WaitForStableMembershipAsync();

        var moved = keys.Where(k => !OwnerOf(cluster.Silos[0], k).Equals(before[k])).ToList();
        output.WriteLine($"{moved.Count} of {keys.Count} grains moved to the third silo");
        Assert.InRange(moved.Count, keys.Count * 20 / 100, keys.Count * 46 / 100);
        Assert.All(moved, k => Assert.Equal(added.Address, OwnerOf(cluster.Silos[0], k)));
        foreach (var key in keys) Assert.Equal(key.Length, await added.Grains.GetGrain<ICounterGrain>(key).GetAsync());
        Assert.All(moved, k => Assert.False(cluster.Silos[0].HasActivation(new GrainId("counter", k)) && !before[k].Equals(cluster.Silos[0].Address)));
    }

    [Fact]
    public async Task A_graceful_stop_under_load_fails_no_call_that_a_retry_of_a_retryable_error_does_not_fix()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var (entry1, entry2, leaving) = (cluster.Silos[0], cluster.Silos[1], cluster.Silos[2]);
        var leavingAddress = leaving.Address;
        var load = new LoadDriver([entry1.Grains, entry2.Grains], Keys);
        load.Start(writers: 16);
        await Eventually.TrueAsync(() => load.Succeeded > 500, "the load is running");

        await cluster.StopSiloAsync(leaving);
        var before = load.Succeeded;
        await Eventually.TrueAsync(() => load.Succeeded > before + 500, "the load continues after the stop");
        await load.StopAsync();

        Assert.Empty(load.Failures);
        Assert.Empty(await load.LostWritesAsync(entry1.Grains));
        var table = await entry1.Services.GetRequiredService<IMembershipTable>().ReadAsync(cluster.Silos[0].ClusterName, default);
        Assert.Equal(MemberStatus.Dead, table.Find(leavingAddress)!.Status);
    }

    [Fact]
    public async Task A_silo_that_stops_answering_probes_is_voted_dead_and_stops_itself()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var mute = cluster.Silos[2];

        mute.PauseProbeAnswers();

        await Eventually.TrueAsync(() => mute.IsStopping, "the muted silo reads itself dead and stops");
        var table = await cluster.Silos[0].Services.GetRequiredService<IMembershipTable>().ReadAsync(cluster.Silos[0].ClusterName, default);
        var entry = table.Find(mute.Address)!;
        Assert.Equal(MemberStatus.Dead, entry.Status);
        Assert.True(entry.Suspicions.Select(v => v.By).Distinct().Count() >= 2, "two silos voted");
        await Eventually.TrueAsync(() => !cluster.Silos[0].RingSilos.Contains(mute.Address), "the others drop it from the ring");
    }

    private static SiloAddress OwnerOf(TestClusterSilo silo, string key) =>
        silo.Services.GetRequiredService<IClusterView>().Ring.OwnerOf(new GrainId("counter", key))!;

    private static async Task AnswersAgainAsync(IGrainFactory grains, string key)
    {
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                using (GrainCallContext.WithTimeout(TimeSpan.FromSeconds(1))) await grains.GetGrain<ICounterGrain>(key).GetAsync();
                return true;
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or GrainCallOutcomeUnknownException)
            {
                return false;
            }
        }, $"{key} answers again");
    }
}

public sealed class ClusterRestartTests
{
    [Fact]
    public async Task A_cluster_whose_silos_all_crashed_starts_again_and_keeps_its_state()
    {
        var database = await (await Testing.Postgres.PostgresServer.GetAsync()).CreateDatabaseAsync();
        var name = "restarted-" + Guid.NewGuid().ToString("N")[..8];
        void Configure(TestClusterOptions o)
        {
            o.ConnectionString = database;
            o.ClusterName = name;
            o.Configuration["Cluster:StaleHeartbeatAge"] = "00:00:08";
        }

        var first = await TestClusters.StartAsync(2, Configure);
        await first.Grains.GetGrain<ICounterGrain>("survivor").AddAsync(41);
        foreach (var silo in first.Silos) await first.KillSiloAsync(silo);

        // New silos on new ports: nobody is left to vote the dead rows out; their stale heartbeats do.
        await using var second = await TestClusters.StartAsync(1, Configure);

        Assert.Equal(42, await second.Grains.GetGrain<ICounterGrain>("survivor").AddAsync(1));
        var table = await second.Silos[0].Services.GetRequiredService<IMembershipTable>().ReadAsync(name, default);
        Assert.Equal(2, table.Entries.Count(e => e.Status == MemberStatus.Dead)); // the crashed runs, declared dead at join
        Assert.Single(table.Entries, e => e.Status == MemberStatus.Active);
    }
}
