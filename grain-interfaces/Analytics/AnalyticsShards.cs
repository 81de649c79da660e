namespace OrderCluster.GrainInterfaces.Analytics;

/// <summary>
/// A tenant's orders are spread over <see cref="Count"/> analytics grains by a stable hash of the order id, so one busy
/// tenant is not one hot activation and no state document holds every order of a tenant.
/// </summary>
public static class AnalyticsShards
{
    public const int Count = 8;

    public static int ShardOf(string orderId)
    {
        // FNV-1a: the same in every process (string.GetHashCode is randomised per process).
        var hash = 2166136261u;
        foreach (var c in orderId) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Count);
    }

    public static string KeyOf(string tenant, int shard) => $"{tenant}/{shard}";

    /// <summary>The analytics grain key for an order key <c>{tenant}/{orderId}</c>.</summary>
    public static string KeyForOrder(string orderKey)
    {
        var slash = orderKey.IndexOf('/');
        return KeyOf(orderKey[..slash], ShardOf(orderKey[(slash + 1)..]));
    }

    public static IEnumerable<string> KeysOf(string tenant) => Enumerable.Range(0, Count).Select(s => KeyOf(tenant, s));

    public static string TenantOf(string shardKey) => shardKey[..shardKey.IndexOf('/')];
}
