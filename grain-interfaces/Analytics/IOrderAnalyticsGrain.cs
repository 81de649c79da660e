namespace OrderCluster.GrainInterfaces.Analytics;

/// <summary>
/// KPIs of one shard of a tenant's orders, keyed <c>{tenant}/{shard}</c> (see <see cref="AnalyticsShards"/>): it consumes the
/// order streams the key mapper sends it. Query a whole tenant through <see cref="TenantAnalytics"/>.
/// </summary>
public interface IOrderAnalyticsGrain : IGrainWithStringKey, IStreamConsumer
{
    [ReadOnly]
    Task<ImmutableArray<KpiPoint>> GetSeriesAsync(KpiQuery query);

    /// <summary>The dimension values this shard has seen (e.g. <c>sku:SKU-1</c>), for pickers.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> GetDimensionsAsync();

    [ReadOnly]
    Task<AnalyticsProgress> GetProgressAsync();
}
