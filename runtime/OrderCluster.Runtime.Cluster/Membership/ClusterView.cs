using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Membership;

/// <summary>
/// This silo's view of the membership table: the latest snapshot it read, and the ring over the Active silos
/// (rebuilt only when the set of active silos changes). Snapshots older than the one held are ignored.
/// </summary>
internal sealed class ClusterView : IClusterView
{
    private readonly Lock _lock = new();
    private ConsistentHashRing _ring = new([]);

    public ClusterView(IOptions<ClusterOptions> options, TimeProvider time)
    {
        var host = string.IsNullOrWhiteSpace(options.Value.AdvertisedAddress) ? ResolveHost() : options.Value.AdvertisedAddress.Trim();
        LocalSilo = new SiloAddress(host, options.Value.SiloPort, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public SiloAddress LocalSilo { get; }

    public ConsistentHashRing Ring => Volatile.Read(ref _ring);

    public bool IsClustered => true;

    public MembershipSnapshot Snapshot { get; private set; } = new(-1, []);

    /// <summary>True once this silo announced it is stopping: it passes no request on (callers resend to the owner).</summary>
    public bool IsLeaving { get; set; }

    public event Action<ConsistentHashRing>? RingChanged;

    /// <summary>Raised with the previous and the new snapshot after a newer one was applied.</summary>
    public event Action<MembershipSnapshot, MembershipSnapshot>? MembersChanged;

    /// <summary>The entry of this silo run in the current snapshot.</summary>
    public MembershipEntry? Self => Snapshot.Find(LocalSilo);

    /// <summary>Takes a newer snapshot; returns false for one not newer than the current.</summary>
    public bool Apply(MembershipSnapshot snapshot)
    {
        MembershipSnapshot previous;
        ConsistentHashRing? newRing = null;
        lock (_lock)
        {
            if (snapshot.Version <= Snapshot.Version) return false;
            previous = Snapshot;
            Snapshot = snapshot;
            var active = snapshot.Entries.Where(e => e.Status == MemberStatus.Active).Select(e => e.Silo).ToHashSet();
            if (!active.SetEquals(_ring.Silos))
            {
                newRing = new ConsistentHashRing(active);
                Volatile.Write(ref _ring, newRing);
            }
        }

        MembersChanged?.Invoke(previous, snapshot);
        if (newRing is not null) RingChanged?.Invoke(newRing);
        return true;
    }

    /// <summary>The first non-loopback IPv4 address of an interface that is up, else the host name.</summary>
    private static string ResolveHost()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        return address?.ToString() ?? Environment.MachineName;
    }
}
