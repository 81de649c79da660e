namespace OrderCluster.Runtime.Placement;

/// <summary>
/// This silo's view of the cluster: who it is, and the ring of active silos that decides where each grain
/// lives. Alone (embedded mode) the ring holds only this silo.
/// </summary>
public interface IClusterView
{
    SiloAddress LocalSilo { get; }

    /// <summary>The current ring of active silos.</summary>
    ConsistentHashRing Ring { get; }

    /// <summary>True when other silos may exist (membership is on).</summary>
    bool IsClustered { get; }

    /// <summary>Raised after <see cref="Ring"/> changed.</summary>
    event Action<ConsistentHashRing>? RingChanged;
}

/// <summary>The view of a silo that runs alone.</summary>
internal sealed class StandaloneClusterView : IClusterView
{
    public StandaloneClusterView(Hosting.SiloIdentity identity, TimeProvider time)
    {
        LocalSilo = new SiloAddress(identity.Name, 0, time.GetUtcNow().ToUnixTimeMilliseconds());
        Ring = new ConsistentHashRing([LocalSilo]);
    }

    public SiloAddress LocalSilo { get; }

    public ConsistentHashRing Ring { get; }

    public bool IsClustered => false;

    public event Action<ConsistentHashRing>? RingChanged
    {
        add { }
        remove { }
    }
}
