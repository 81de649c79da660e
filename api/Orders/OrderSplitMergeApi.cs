using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders;

/// <summary>
/// Split (units of lines move into a new order, whose id the result's <c>createdId</c> names) and merge (this order's
/// lines move into another order of the same customer, address and currency; this one is cancelled as merged).
/// Both take <c>If-Match</c> (412 when stale) or a body <c>expectedVersion</c>, and an <c>Idempotency-Key</c>.
/// </summary>
public static class OrderSplitMergeApi
{
    public static RouteGroupBuilder MapOrderSplitMergeApi(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{orderId}/split", SplitAsync).WithName("SplitOrder").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/merge", MergeAsync).WithName("MergeOrder").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        return orders;
    }

    public sealed record SplitOrderRequest
    {
        /// <summary>Per line the units to move (a whole line or part of its quantity); at least one unit stays behind.</summary>
        public required ImmutableArray<SplitLine> Lines { get; init; }

        /// <summary>The new order's id; <c>{orderId}-s{n}</c> when absent.</summary>
        public string? NewOrderId { get; init; }

        public long? ExpectedVersion { get; init; }
    }

    public sealed record MergeOrderRequest
    {
        /// <summary>The order that takes this order's lines.</summary>
        public required string TargetOrderId { get; init; }

        public long? ExpectedVersion { get; init; }
    }

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> SplitAsync(
        string orderId, JsonBody<SplitOrderRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.SplitAsync(new SplitOrder
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Lines = body.Value.Lines, NewOrderId = body.Value.NewOrderId,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> MergeAsync(
        string orderId, JsonBody<MergeOrderRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.MergeIntoAsync(new MergeOrder
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, TargetOrderId = body.Value.TargetOrderId,
        }));
}
