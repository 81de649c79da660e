namespace OrderCluster.Runtime;

/// <summary>A stream: a namespace (for example <c>orders</c>) and a key within it (for example one order's id).</summary>
public readonly record struct StreamId(string Namespace, string Key)
{
    public override string ToString() => $"{Namespace}/{Key}";

    /// <summary>The partition of this stream among <paramref name="partitions"/> (stable across processes).</summary>
    public int PartitionOf(int partitions) => (int)(StableHash.Compute(Namespace, Key) % (uint)partitions);
}
