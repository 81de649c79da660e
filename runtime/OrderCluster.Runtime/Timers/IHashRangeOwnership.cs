using OrderCluster.Runtime.Placement;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Timers;

/// <summary>Which grain hash ranges this silo owns: it fires the durable timers of those grains.</summary>
public interface IHashRangeOwnership
{
    /// <summary>The ranges owned now.</summary>
    IReadOnlyList<HashRange> OwnedRanges { get; }

    /// <summary>True when no other silo can exist (embedded mode): leases left by a crash can be dropped at start.</summary>
    bool IsSoleOwner { get; }
}

/// <summary>Ownership read off the current ring (recomputed only when the ring changes).</summary>
internal sealed class RingOwnership(IClusterView view) : IHashRangeOwnership
{
    private (ConsistentHashRing Ring, IReadOnlyList<HashRange> Ranges)? _cache;

    public IReadOnlyList<HashRange> OwnedRanges
    {
        get
        {
            var ring = view.Ring;
            if (_cache is { } cached && ReferenceEquals(cached.Ring, ring)) return cached.Ranges;
            var ranges = ring.RangesOf(view.LocalSilo);
            _cache = (ring, ranges);
            return ranges;
        }
    }

    public bool IsSoleOwner => !view.IsClustered;
}
