using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Membership;

/// <summary>
/// The cluster's members and the membership changes this silo saw (joins, suspicion votes with their voters, status
/// changes, deaths), kept from the snapshots its view applies. Seeded from the first snapshot (a member's join at its
/// start time, a dead one's death at its last heartbeat), then every change at the time this silo read it; bounded.
/// </summary>
internal sealed class MembershipHistory : IClusterDiagnostics
{
    /// <summary>Events kept (oldest dropped first).</summary>
    public const int Capacity = 1000;

    private readonly ClusterView _view;
    private readonly TimeProvider _time;
    private readonly Queue<MembershipEvent> _events = new();
    private readonly Lock _lock = new();

    public MembershipHistory(ClusterView view, TimeProvider time)
    {
        _view = view;
        _time = time;
        view.MembersChanged += OnMembersChanged;
        OnMembersChanged(new MembershipSnapshot(-1, []), view.Snapshot);
    }

    public bool IsClustered => true;

    public SiloAddress LocalSilo => _view.LocalSilo;

    public IReadOnlyList<MembershipEntry> Members => _view.Snapshot.Entries;

    public IReadOnlyList<MembershipEvent> History
    {
        get
        {
            lock (_lock) return [.. _events];
        }
    }

    private void OnMembersChanged(MembershipSnapshot previous, MembershipSnapshot current)
    {
        var now = _time.GetUtcNow();
        var seeding = previous.Version < 0;
        var found = new List<MembershipEvent>();
        foreach (var entry in current.Entries)
        {
            var before = previous.Find(entry.Silo);
            if (before is null)
            {
                found.Add(Event(entry.StartedAt, entry, MembershipEventKind.Joining, "joined the membership table"));
                if (entry.Status != MemberStatus.Joining)
                    found.Add(Event(seeding ? (entry.Status == MemberStatus.Dead ? entry.HeartbeatAt : entry.StartedAt) : now, entry,
                        Kind(entry.Status), seeding ? $"{entry.Status} when this silo first read the table" : entry.Status.ToString()));
            }
            else if (before.Status != entry.Status)
            {
                found.Add(Event(now, entry, Kind(entry.Status), $"{before.Status} → {entry.Status}"));
            }

            foreach (var vote in entry.Suspicions)
                if (before is null || !before.Suspicions.Contains(vote))
                    found.Add(Event(vote.At, entry, MembershipEventKind.Suspected, $"suspicion vote by {vote.By}"));
        }

        foreach (var gone in previous.Entries.Where(e => current.Find(e.Silo) is null))
            found.Add(Event(now, gone, MembershipEventKind.Removed, "row removed (long dead)"));

        if (found.Count == 0) return;
        lock (_lock)
        {
            foreach (var e in found.OrderBy(e => e.At))
            {
                _events.Enqueue(e);
                if (_events.Count > Capacity) _events.Dequeue();
            }
        }
    }

    private static MembershipEvent Event(DateTimeOffset at, MembershipEntry entry, MembershipEventKind kind, string detail) =>
        new(at, entry.Silo, entry.SiloName, kind, detail);

    private static MembershipEventKind Kind(MemberStatus status) => status switch
    {
        MemberStatus.Joining => MembershipEventKind.Joining,
        MemberStatus.Active => MembershipEventKind.Active,
        MemberStatus.ShuttingDown => MembershipEventKind.ShuttingDown,
        _ => MembershipEventKind.Dead,
    };
}
