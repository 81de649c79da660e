using OrderCluster.Dashboard.Api;
using OrderCluster.Dashboard.Collection;
using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Membership;

namespace OrderCluster.Dashboard.Cluster;

/// <summary>
/// Builds the cluster snapshot from this silo's report and every live peer's (asked in parallel, each with a deadline), at most once
/// a second however many viewers ask: a request within a second of the last build gets that build.
/// </summary>
internal sealed class ClusterSnapshotSource(
    SiloSampler sampler, IClusterDiagnostics cluster, PeerClient peers, TimerStatsCache timerStats, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMilliseconds(900);
    private readonly SemaphoreSlim _building = new(1, 1);
    private ClusterSnapshot? _last;

    /// <summary>Snapshots built so far (the collection-rate tests read it).</summary>
    public long Builds { get; private set; }

    public async Task<ClusterSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_last) is { } fresh) return fresh;
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_last) is { } built) return built;
            _last = await BuildAsync(cancellationToken);
            Builds++;
            return _last;
        }
        finally
        {
            _building.Release();
        }
    }

    private ClusterSnapshot? Fresh(ClusterSnapshot? snapshot) => snapshot is not null && time.GetUtcNow() - snapshot.At < Freshness ? snapshot : null;

    private async Task<ClusterSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var local = sampler.Latest;
        var members = cluster.Members;
        var views = await Task.WhenAll(members.Select(m => ViewAsync(m, local, cancellationToken)));
        var now = time.GetUtcNow();
        return ClusterAggregation.Build(now, cluster.IsClustered, cluster.LocalSilo.ToString(), views, timerStats.Current(),
            cluster.History.Select(e => new MembershipEventView(e.At, e.Silo.ToString(), e.SiloName, e.Kind.ToString(), e.Detail)).ToList());
    }

    private async Task<SiloView> ViewAsync(MembershipEntry member, SiloReport local, CancellationToken cancellationToken)
    {
        var isLocal = member.Silo.Equals(cluster.LocalSilo);
        var suspicions = member.Suspicions.Select(v => $"{v.By} at {v.At:u}").ToList();
        SiloView View(string reachability, string? error, SiloReport? report) => new(member.Silo.ToString(), member.SiloName, member.Status.ToString(),
            member.Silo.Generation, member.HttpAddress, member.StartedAt, member.HeartbeatAt, suspicions, isLocal, reachability, error, report);

        if (isLocal) return View("ok", null, local);
        if (member.Status == MemberStatus.Dead) return View("dead", null, null);
        if (member.HttpAddress is null) return View("no-http", "the silo published no HTTP address", null);
        var answer = await peers.GetAsync(member.HttpAddress, PeerApi.ReportPath, DashboardJsonContext.Default.SiloReport, cancellationToken);
        return answer.Value is { } report ? View("ok", null, report) : View("unreachable", answer.Error, null);
    }
}
