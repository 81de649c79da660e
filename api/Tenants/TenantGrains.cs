using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Orders;

namespace OrderCluster.Api.Tenants;

/// <summary>
/// The grains the configuration endpoints address: one per tenant (<c>{tenant}</c>), or one per order of the tenant
/// (<c>{tenant}/{orderId}</c>), found only when the order exists in the caller's tenant.
/// </summary>
internal static class TenantGrains
{
    public static TGrain Of<TGrain>(HttpContext http, IGrainFactory grains) where TGrain : IGrainWithStringKey =>
        grains.GetGrain<TGrain>(TenantKeys.ForTenant(ApiCaller.From(http.User).TenantId));

    public static async Task<Ok<T>> ReadAsync<TGrain, T>(HttpContext http, IGrainFactory grains, Func<TGrain, Task<T>> read) where TGrain : IGrainWithStringKey =>
        TypedResults.Ok(await read(Of<TGrain>(http, grains)));

    /// <summary>
    /// Reads the per-order grain of <paramref name="orderId"/>. These grains answer for any id (an empty log), so the
    /// order is read first: an order that does not exist, or is another tenant's, is 404 like the order itself.
    /// </summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> ReadOfOrderAsync<TGrain, T>(
        HttpContext http, IGrainFactory grains, string orderId, Func<TGrain, Task<T>> read) where TGrain : IGrainWithStringKey
    {
        if (TenantEntities.Orders.Find(http, grains, orderId, out var order) is { } notFound) return notFound;
        await order.GetAsync(); // refuses an order that does not exist with order-not-found (404)
        return TypedResults.Ok(await read(grains.GetGrain<TGrain>(ApiCaller.From(http.User).KeyFor(orderId, "orderId"))));
    }
}
