using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Placement;

/// <summary>
/// Grain placement: a consistent-hash ring with virtual nodes over the active silos. A grain belongs to the
/// silo of the first ring point at or after its uniform hash (wrapping round). Adding or removing one of N
/// silos moves about 1/N of the grains; the rest keep their owner. Immutable: a membership change builds a
/// new ring.
/// </summary>
public sealed class ConsistentHashRing
{
    /// <summary>Points per silo: enough that N silos share the hash space within a few percent.</summary>
    public const int DefaultVirtualNodes = 64;

    private readonly uint[] _points;
    private readonly SiloAddress[] _owners;

    public ConsistentHashRing(IEnumerable<SiloAddress> silos, int virtualNodes = DefaultVirtualNodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodes, 1);
        Silos = silos.Distinct().Order().ToArray();
        var points = new List<(uint Point, SiloAddress Silo)>(Silos.Count * virtualNodes);
        foreach (var silo in Silos)
            for (var i = 0; i < virtualNodes; i++)
                points.Add((StableHash.Compute($"{silo}/{i}"), silo));
        points.Sort((a, b) => a.Point != b.Point ? a.Point.CompareTo(b.Point) : a.Silo.CompareTo(b.Silo));
        // Two silos on one point (a 32-bit collision) would make ownership depend on the search: the first keeps it.
        var distinct = points.Where((p, i) => i == 0 || p.Point != points[i - 1].Point).ToList();
        _points = distinct.Select(p => p.Point).ToArray();
        _owners = distinct.Select(p => p.Silo).ToArray();
    }

    /// <summary>The silos on the ring, in address order.</summary>
    public IReadOnlyList<SiloAddress> Silos { get; }

    public bool IsEmpty => _points.Length == 0;

    /// <summary>The owner of <paramref name="hash"/>, or null when the ring is empty.</summary>
    public SiloAddress? OwnerOf(uint hash)
    {
        if (_points.Length == 0) return null;
        var i = Array.BinarySearch(_points, hash);
        if (i < 0) i = ~i;
        return _owners[i == _points.Length ? 0 : i];
    }

    public SiloAddress? OwnerOf(GrainId grainId) => OwnerOf(grainId.GetUniformHash());

    /// <summary>The hash ranges <paramref name="silo"/> owns (inclusive, non-overlapping, sorted).</summary>
    public IReadOnlyList<HashRange> RangesOf(SiloAddress silo)
    {
        var ranges = new List<HashRange>();
        for (var i = 0; i < _points.Length; i++)
        {
            if (!_owners[i].Equals(silo)) continue;
            // Point i owns the hashes after the previous point, up to and including itself.
            var previous = i == 0 ? _points[^1] : _points[i - 1];
            if (i == 0)
            {
                ranges.Add(new HashRange(0, _points[0]));
                if (previous != uint.MaxValue) ranges.Add(new HashRange(previous + 1, uint.MaxValue));
            }
            else
            {
                ranges.Add(new HashRange(previous + 1, _points[i]));
            }
        }

        return Merge(ranges);
    }

    private static List<HashRange> Merge(List<HashRange> ranges)
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<HashRange>(ranges.Count);
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && merged[^1].End != uint.MaxValue && merged[^1].End + 1 >= range.Start)
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, range.End) };
            else
                merged.Add(range);
        }

        return merged;
    }
}
