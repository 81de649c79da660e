using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders.Index;

/// <summary>
/// Adds orders created through the API to the tenant's order index (hour buckets, and the bucket in the tenant's
/// directory first so a listed bucket may be empty but a filled one is always listed).
/// </summary>
internal sealed class OrderIndexer(IGrainFactory grains, ILogger<OrderIndexer> logger)
{
    // Buckets this silo already put in a directory: saves a call per create (the call is idempotent anyway).
    private readonly ConcurrentDictionary<string, bool> _knownBuckets = new(StringComparer.Ordinal);

    public static string BucketOf(DateTimeOffset createdAt) => createdAt.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public async Task AddAsync(string tenantId, string orderId)
    {
        try
        {
            var order = await grains.GetGrain<IOrderGrain>(TenantKeys.For(tenantId, orderId, "orderId")).GetAsync();
            var bucket = BucketOf(order.CreatedAt);
            if (!_knownBuckets.ContainsKey($"{tenantId}/{bucket}"))
            {
                await grains.GetGrain<IOrderIndexDirectoryGrain>(TenantKeys.ForTenant(tenantId)).AddBucketAsync(bucket);
                _knownBuckets.TryAdd($"{tenantId}/{bucket}", true);
            }

            await grains.GetGrain<IOrderIndexBucketGrain>($"{tenantId}/{bucket}")
                .AddAsync(new OrderIndexEntry(order.OrderId, order.CreatedAt, order.Customer.CustomerId, order.Channel.Kind, order.ClientReference));
        }
        catch (Exception e) when (e is TimeoutException or GrainCallOutcomeUnknownException or SiloUnavailableException or InconsistentStateException)
        {
            // The order exists; a retry of the create (same Idempotency-Key or client reference) indexes it again.
            ApiLog.IndexAddFailed(logger, e, tenantId, orderId);
        }
    }
}
