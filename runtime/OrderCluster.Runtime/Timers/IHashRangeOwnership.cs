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

/// <summary>A single silo owns everything.</summary>
internal sealed class SoleOwnership : IHashRangeOwnership
{
    public IReadOnlyList<HashRange> OwnedRanges => HashRange.Everything;

    public bool IsSoleOwner => true;
}
