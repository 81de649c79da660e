using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders.Index;

/// <summary>What never changes about an order, enough to page and pre-filter without reading it.</summary>
public sealed record OrderIndexEntry(string OrderId, DateTimeOffset CreatedAt, string CustomerId, ChannelKind Channel, string? ClientReference);

/// <summary>
/// The orders of one tenant created in one UTC hour, keyed <c>{tenant}/{yyyyMMddHH}</c>. Hour buckets keep each state
/// document bounded and spread a busy tenant's creates over many activations.
/// </summary>
public interface IOrderIndexBucketGrain : IGrainWithStringKey
{
    /// <summary>Adds the order (idempotent per order id).</summary>
    Task AddAsync(OrderIndexEntry entry);

    [ReadOnly]
    Task<ImmutableArray<OrderIndexEntry>> ListAsync();
}

/// <summary>The non-empty hour buckets of a tenant, keyed <c>{tenant}</c>.</summary>
public interface IOrderIndexDirectoryGrain : IGrainWithStringKey
{
    Task AddBucketAsync(string bucket);

    [ReadOnly]
    Task<ImmutableArray<string>> ListBucketsAsync();
}
