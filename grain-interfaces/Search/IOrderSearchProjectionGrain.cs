namespace OrderCluster.GrainInterfaces.Search;

/// <summary>
/// Keeps the order search read model: one shard of a tenant's orders, keyed <c>{tenant}/{shard}</c> (the shards of
/// <see cref="OrderSearchShards"/>), consuming their order streams and writing each changed order's row.
/// </summary>
public interface IOrderSearchProjectionGrain : IGrainWithStringKey, IStreamConsumer;

/// <summary>A tenant's order streams spread over <see cref="Count"/> projection grains by a stable hash of the order id.</summary>
public static class OrderSearchShards
{
    public const int Count = 8;

    public static int ShardOf(string orderId)
    {
        // FNV-1a: the same in every process (string.GetHashCode is randomised per process).
        var hash = 2166136261u;
        foreach (var c in orderId) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Count);
    }

    /// <summary>The projection grain key for an order key <c>{tenant}/{orderId}</c>.</summary>
    public static string KeyForOrder(string orderKey)
    {
        var slash = orderKey.IndexOf('/');
        return $"{orderKey[..slash]}/{ShardOf(orderKey[(slash + 1)..])}";
    }
}
