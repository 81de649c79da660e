using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Cluster.Messaging;
using OrderCluster.Runtime.Cluster.Transport;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Cluster.Membership;

/// <summary>
/// Acts on membership changes: when the ring changes, grains this silo no longer owns are deactivated (their state
/// is already committed; queued calls follow them to the new owner); when a silo is declared dead, calls sent to it
/// fail as outcome-unknown, its connection is dropped, and its timer leases are released so the new owners fire its
/// grains' timers at once.
/// </summary>
internal sealed class OwnershipMonitor
{
    // Answers already on their way (on another connection than the "it left" notice) get this long to arrive.
    private static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(1);

    private readonly ClusterView _view;
    private readonly Catalog _catalog;
    private readonly RemoteCallSender _sender;
    private readonly ConnectionManager _connections;
    private readonly IDurableTimerStore _timers;
    private readonly ILogger<OwnershipMonitor> _logger;

    public OwnershipMonitor(ClusterView view, Catalog catalog, RemoteCallSender sender, ConnectionManager connections,
        IDurableTimerStore timers, ILogger<OwnershipMonitor> logger)
    {
        _view = view;
        _catalog = catalog;
        _sender = sender;
        _connections = connections;
        _timers = timers;
        _logger = logger;
        view.RingChanged += OnRingChanged;
        view.MembersChanged += OnMembersChanged;
    }

    private void OnRingChanged(ConsistentHashRing ring)
    {
        MembershipLog.RingChanged(_logger, ring.Silos.Count, string.Join(", ", ring.Silos));
        var local = _view.LocalSilo;
        var moved = _catalog.DeactivateWhere(id => ring.OwnerOf(id) is { } owner && !owner.Equals(local),
            new DeactivationReason(DeactivationReasonCode.OwnershipMoved, "another silo owns the grain now"));
        if (moved > 0) MembershipLog.GrainsMoved(_logger, moved);
    }

    private void OnMembersChanged(MembershipSnapshot previous, MembershipSnapshot current)
    {
        foreach (var entry in current.Entries.Where(e => e.Status == MemberStatus.Dead && !e.Silo.Equals(_view.LocalSilo)))
        {
            if (previous.Find(entry.Silo) is { Status: MemberStatus.Dead }) continue; // already handled
            _ = ReleaseLeasesAsync(entry);
            _ = ForgetAsync(entry.Silo);
        }
    }

    private async Task ForgetAsync(SiloAddress dead)
    {
        await Task.Delay(InFlightGrace);
        var failed = _sender.FailSentTo(dead);
        _connections.Forget(dead);
        MembershipLog.PeerGone(_logger, dead.ToString(), failed);
    }

    private async Task ReleaseLeasesAsync(MembershipEntry dead)
    {
        try
        {
            await _timers.ReleaseLeasesAsync(dead.InstanceId, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The leases then simply run out (Timers:LeaseDuration).
            MembershipLog.LoopFailed(_logger, e, "release-leases");
        }
    }
}
