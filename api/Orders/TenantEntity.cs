using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders;

/// <summary>
/// A versioned entity grain of the caller's tenant, keyed <c>{tenant}/{id}</c> (orders, drafts, customers): finds it
/// (an id that cannot exist is simply not found, as is another tenant's) and runs a command on it with the caller's
/// <see cref="CommandEnvelope"/>, answering the result with the new version as the ETag.
/// </summary>
internal sealed class TenantEntity<TGrain>(string idField, string notFoundCode, string noun) where TGrain : IGrainWithStringKey
{
    public ProblemHttpResult? Find(HttpContext http, IGrainFactory grains, string id, out TGrain grain)
    {
        grain = default!;
        if (TenantKeys.CheckId(id, idField) is not null) return ApiProblems.NotFound(notFoundCode, $"{noun} {id} was not found.");
        grain = grains.GetGrain<TGrain>(ApiCaller.From(http.User).KeyFor(id, idField));
        return null;
    }

    public async Task<Results<Ok<TResult>, ProblemHttpResult>> RunAsync<TResult>(HttpContext http, IGrainFactory grains, string id, long? bodyVersion,
        Func<TGrain, CommandEnvelope, Task<TResult>> command, Func<TResult, long> versionOf)
    {
        if (CommandEnvelope.Read(http, bodyVersion, out var envelope) is { } problem) return problem;
        if (Find(http, grains, id, out var grain) is { } notFound) return notFound;
        var result = await command(grain, envelope);
        ETags.Set(http, versionOf(result));
        return TypedResults.Ok(result);
    }
}

/// <summary>The tenant entities the API addresses by id.</summary>
internal static class TenantEntities
{
    public static readonly TenantEntity<IOrderGrain> Orders = new("orderId", ErrorCodes.OrderNotFound, "Order");

    public static readonly TenantEntity<IOrderDraftGrain> Drafts = new("draftId", ErrorCodes.DraftNotFound, "Draft");

    public static readonly TenantEntity<ICustomerGrain> Customers = new("customerId", ErrorCodes.CustomerNotFound, "Customer");
}
