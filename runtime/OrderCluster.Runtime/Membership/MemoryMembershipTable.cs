using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Membership;

/// <summary>An in-process membership table (tests and single-process clusters): the reference semantics.</summary>
public sealed class MemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Version, Dictionary<SiloAddress, MembershipEntry> Rows)> _clusters = [];

    public Task<MembershipSnapshot> ReadAsync(string cluster, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var (version, rows) = Cluster(cluster);
            return Task.FromResult(new MembershipSnapshot(version, rows.Values.OrderBy(e => e.Silo).ToList()));
        }
    }

    public Task<bool> TryWriteAsync(string cluster, MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var (version, rows) = Cluster(cluster);
            if (version != expectedVersion) return Task.FromResult(false);
            // A heartbeat never goes back in time, even when a write carries an older one.
            if (rows.TryGetValue(entry.Silo, out var existing) && existing.HeartbeatAt > entry.HeartbeatAt)
                entry = entry with { HeartbeatAt = existing.HeartbeatAt };
            rows[entry.Silo] = entry;
            _clusters[cluster] = (version + 1, rows);
            return Task.FromResult(true);
        }
    }

    public Task HeartbeatAsync(string cluster, SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var (_, rows) = Cluster(cluster);
            if (rows.TryGetValue(silo, out var entry) && at > entry.HeartbeatAt) rows[silo] = entry with { HeartbeatAt = at };
        }

        return Task.CompletedTask;
    }

    public Task<int> CleanupAsync(string cluster, DateTimeOffset deadBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var (_, rows) = Cluster(cluster);
            var stale = rows.Values.Where(e => e.Status == MemberStatus.Dead && e.HeartbeatAt < deadBefore).Select(e => e.Silo).ToList();
            foreach (var silo in stale) rows.Remove(silo);
            return Task.FromResult(stale.Count);
        }
    }

    private (long Version, Dictionary<SiloAddress, MembershipEntry> Rows) Cluster(string cluster)
    {
        if (!_clusters.TryGetValue(cluster, out var state)) _clusters[cluster] = state = (0, []);
        return state;
    }
}
