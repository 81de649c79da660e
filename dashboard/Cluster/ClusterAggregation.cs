using OrderCluster.Dashboard.Collection;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Dashboard.Cluster;

/// <summary>Adds the silos' reports up into cluster figures: histogram buckets merge exactly, so cluster quantiles are true quantiles.</summary>
internal static class ClusterAggregation
{
    public const string OverdueNotAvailable =
        "The overdue list needs a timer-store query that does not exist yet (IDurableTimerStore.ListOverdueAsync); lateness shows delivered ticks.";

    public static ClusterSnapshot Build(DateTimeOffset now, bool clustered, string localSilo, IReadOnlyList<SiloView> silos,
        (DurableTimerStats Stats, DateTimeOffset At)? timerStats, IReadOnlyList<MembershipEventView> membership)
    {
        var reports = silos.Where(s => s.Report is not null).Select(s => s.Report!).ToList();
        var point = Point(now.ToUnixTimeSeconds(), reports.Select(r => r.Last).ToList());
        var totals = new ClusterTotals(silos.Count, silos.Count(s => s.Status == "Active"), point.Activations, point.Calls, point.Errors,
            point.Calls > 0 ? point.Errors / point.Calls : 0, point.P50, point.P99);
        var window = reports.Count == 0 ? 60 : reports.Max(r => r.WindowSeconds);

        var byType = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var report in reports)
        foreach (var (type, count) in report.ActivationsByType)
        {
            if (!byType.TryGetValue(type, out var perSilo)) byType[type] = perSilo = new Dictionary<string, long>(StringComparer.Ordinal);
            perSilo[report.Silo] = count;
        }

        return new ClusterSnapshot(now, clustered, localSilo, window, Buckets.SecondsBounds, Buckets.CountBounds, point, totals, silos,
            Methods(reports, window), byType, Storage(reports),
            reports.SelectMany(r => r.Pools.Select(p => new PoolView(r.Silo, p.Pool, p.Idle, p.Used, p.Max, p.Pending))).ToList(),
            Timers(reports, timerStats), membership);
    }

    /// <summary>Adds up the points of one second (one per silo).</summary>
    public static ClusterPoint Point(long t, IReadOnlyList<SiloPoint> points)
    {
        var latency = Buckets.ForSeconds();
        foreach (var p in points) latency.Add(p.Latency);
        return new ClusterPoint(t, Math.Round(points.Sum(p => p.Calls), 1), Math.Round(points.Sum(p => p.Errors), 2),
            Buckets.Quantile(latency.Bounds, latency.Counts, 0.5), Buckets.Quantile(latency.Bounds, latency.Counts, 0.99), points.Sum(p => p.Activations));
    }

    /// <summary>The cluster's per-second history from the silos' histories, by second.</summary>
    public static IReadOnlyList<ClusterPoint> History(IEnumerable<IReadOnlyList<SiloPoint>> histories) =>
        histories.SelectMany(h => h).GroupBy(p => p.T).OrderBy(g => g.Key).Select(g => Point(g.Key, g.ToList())).ToList();

    private static List<MethodSummary> Methods(List<SiloReport> reports, double window)
    {
        return reports.SelectMany(r => r.Methods).GroupBy(m => (m.GrainType, m.Method)).Select(g =>
            {
                var latency = Buckets.ForSeconds();
                foreach (var m in g) latency.Add(m.Latency);
                var calls = g.Sum(m => m.Calls);
                var errors = g.Sum(m => m.Errors);
                return new MethodSummary(g.Key.GrainType, g.Key.Method, calls, errors, Math.Round(calls / window, 2),
                    calls > 0 ? (double)errors / calls : 0, Buckets.Quantile(latency.Bounds, latency.Counts, 0.5),
                    Buckets.Quantile(latency.Bounds, latency.Counts, 0.99));
            })
            .OrderByDescending(m => m.Calls).ThenBy(m => m.GrainType, StringComparer.Ordinal).ThenBy(m => m.Method, StringComparer.Ordinal)
            .ToList();
    }

    private static List<StorageSummary> Storage(List<SiloReport> reports) =>
        reports.SelectMany(r => r.Storage).GroupBy(s => s.Operation).Select(g =>
            {
                var latency = Buckets.ForSeconds();
                var batches = Buckets.ForCounts();
                foreach (var s in g)
                {
                    latency.Add(s.Latency);
                    batches.Add(s.BatchSizes);
                }

                return new StorageSummary(g.Key, g.Sum(s => s.Count), g.Sum(s => s.Errors), Buckets.Quantile(latency.Bounds, latency.Counts, 0.5),
                    Buckets.Quantile(latency.Bounds, latency.Counts, 0.99), Buckets.Quantile(batches.Bounds, batches.Counts, 0.5),
                    Buckets.Quantile(batches.Bounds, batches.Counts, 0.99), batches.Counts);
            })
            .OrderBy(s => s.Operation, StringComparer.Ordinal).ToList();

    private static TimerSummary Timers(List<SiloReport> reports, (DurableTimerStats Stats, DateTimeOffset At)? stats)
    {
        var window = Buckets.ForSeconds();
        var sinceStart = Buckets.ForSeconds();
        foreach (var r in reports)
        {
            window.Add(r.Timers.Lateness);
            sinceStart.Add(r.Timers.LatenessSinceStart);
        }

        return new TimerSummary(stats?.Stats.Pending, stats?.Stats.NextDueAt, stats?.At, reports.Sum(r => r.Timers.InFlight),
            reports.Sum(r => r.Timers.TicksOk), reports.Sum(r => r.Timers.TicksFailed), Buckets.Quantile(window.Bounds, window.Counts, 0.5),
            Buckets.Quantile(window.Bounds, window.Counts, 0.99), window.Counts, sinceStart.Counts, OverdueNotAvailable);
    }
}
