using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Grains.Analytics;

/// <summary>Sends the order stream <c>{tenant}/{orderId}</c> to the tenant's analytics shard of that order.</summary>
public sealed class OrderAnalyticsKeyMapper : IStreamKeyMapper
{
    public string MapToGrainKey(StreamId stream) => AnalyticsShards.KeyForOrder(stream.Key);
}
