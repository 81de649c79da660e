using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Fulfilment;

/// <summary>
/// An order's fulfilment: the snapshot (allocations with their sourcing reasons, backorders, shipments, margins),
/// allocation of an approved order's stock, shipments per warehouse, and moving a shipment
/// (<c>pick</c>, <c>pack</c>, <c>ship</c>, <c>deliver</c>, <c>cancel</c>). The order's status follows its shipments.
/// Reading needs <c>orders:read</c>, changing <c>orders:write</c> (and the key's roles: warehouse, order-manager or admin).
/// </summary>
public static class FulfilmentApi
{
    private static readonly string[] Actions = [ShipmentActions.Pick, ShipmentActions.Pack, ShipmentActions.Ship, ShipmentActions.Deliver, ShipmentActions.Cancel];

    /// <summary>The fulfilment grain shares the order's key, so an order id of another tenant is not found here either.</summary>
    private static readonly TenantEntity<IFulfilmentGrain> Fulfilments = new("orderId", ErrorCodes.OrderNotFound, "Order");

    public static RouteGroupBuilder MapFulfilmentApi(this RouteGroupBuilder api)
    {
        var fulfilment = api.MapGroup("/orders/{orderId}/fulfilment").WithTags("Fulfilment");
        fulfilment.MapGet("", GetAsync).WithName("GetFulfilment").RequireAuthorization(ApiScopes.OrdersRead);
        fulfilment.MapPost("/allocate", AllocateAsync).WithName("AllocateOrder").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        fulfilment.MapPost("/shipments", CreateShipmentsAsync).WithName("CreateShipments").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        fulfilment.MapPost("/shipments/{shipmentId}/advance", AdvanceAsync).WithName("AdvanceShipment").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        return fulfilment;
    }

    public sealed record AdvanceShipmentRequest
    {
        /// <summary><c>pick</c>, <c>pack</c>, <c>ship</c>, <c>deliver</c> or <c>cancel</c>.</summary>
        public required string Action { get; init; }

        /// <summary>Required to ship.</summary>
        public string? Carrier { get; init; }

        /// <summary>Required to ship.</summary>
        public string? TrackingNumber { get; init; }

        /// <summary>Required to cancel.</summary>
        public string? Reason { get; init; }
    }

    private static async Task<Results<Ok<FulfilmentSnapshot>, ProblemHttpResult>> GetAsync(string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (TenantEntities.Orders.Find(http, grains, orderId, out var order) is { } notFound) return notFound;
        Fulfilments.Find(http, grains, orderId, out var fulfilment);
        await order.GetAsync(); // an order nobody created is a 404, not an empty fulfilment
        var snapshot = await fulfilment.GetAsync();
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(snapshot);
    }

    private static Task<Results<Ok<FulfilmentSnapshot>, ProblemHttpResult>> AllocateAsync(string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, orderId, (f, actor, expected) => f.AllocateAsync(new AllocateOrder(actor, expected)));

    private static Task<Results<Ok<FulfilmentSnapshot>, ProblemHttpResult>> CreateShipmentsAsync(string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, orderId, (f, actor, expected) => f.CreateShipmentsAsync(new CreateShipments(actor, expected)));

    private static async Task<Results<Ok<FulfilmentSnapshot>, ProblemHttpResult>> AdvanceAsync(
        string orderId, string shipmentId, JsonBody<AdvanceShipmentRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = body.Value;
        if (!Actions.Contains(request.Action, StringComparer.Ordinal))
            return ApiProblems.BadRequest("action", $"must be one of {string.Join(", ", Actions)}.");
        return await RunAsync(http, grains, orderId, (f, actor, expected) => f.AdvanceShipmentAsync(
            new AdvanceShipment(actor, shipmentId, request.Action, request.Carrier, request.TrackingNumber, request.Reason, expected)));
    }

    private static async Task<Results<Ok<FulfilmentSnapshot>, ProblemHttpResult>> RunAsync(
        HttpContext http, IGrainFactory grains, string orderId, Func<IFulfilmentGrain, Actor, long?, Task<FulfilmentSnapshot>> command)
    {
        if (Fulfilments.Find(http, grains, orderId, out var fulfilment) is { } notFound) return notFound;
        if (Preconditions.ReadIfMatch(http, out var expected) is { } malformed) return malformed;
        var snapshot = await command(fulfilment, ApiCaller.From(http.User).Actor, expected); // a stale If-Match is refused by the grain: 412
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(snapshot);
    }
}
