using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Fulfilment;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Returns;

namespace OrderCluster.Api.Returns;

/// <summary>
/// After-sales on an order: return requests (at most what was shipped), their decision, receiving the goods (restock
/// into the shipping warehouse or write off), refunds (full or partial, approval above the tenant's threshold) and the
/// after-sales snapshot with its history. Reading needs <c>orders:read</c>, requesting and receiving <c>orders:write</c>,
/// deciding a return or a refund <c>orders:approve</c>; the grain also checks the key's roles.
/// </summary>
public static class ReturnsApi
{
    /// <summary>The returns grain shares the order's key, so an order id of another tenant is not found here either.</summary>
    private static readonly TenantEntity<IReturnsGrain> AfterSales = new("orderId", ErrorCodes.OrderNotFound, "Order");

    public static RouteGroupBuilder MapReturnsApi(this RouteGroupBuilder api)
    {
        var order = api.MapGroup("/orders/{orderId}").WithTags("Returns and refunds");
        order.MapGet("/after-sales", GetAsync).WithName("GetAfterSales").RequireAuthorization(ApiScopes.OrdersRead);
        order.MapPost("/returns", RequestReturnAsync).WithName("RequestReturn").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        order.MapGet("/returns/{returnId}", GetReturnAsync).WithName("GetReturn").RequireAuthorization(ApiScopes.OrdersRead);
        order.MapPost("/returns/{returnId}/decide", DecideReturnAsync).WithName("DecideReturn").RequireAuthorization(ApiScopes.OrdersApprove).Idempotent();
        order.MapPost("/returns/{returnId}/receive", ReceiveReturnAsync).WithName("ReceiveReturn").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        order.MapPost("/refunds", RequestRefundAsync).WithName("RequestRefund").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        order.MapGet("/refunds/{refundId}", GetRefundAsync).WithName("GetRefund").RequireAuthorization(ApiScopes.OrdersRead);
        order.MapPost("/refunds/{refundId}/decide", DecideRefundAsync).WithName("DecideRefund").RequireAuthorization(ApiScopes.OrdersApprove).Idempotent();
        return order;
    }

    public sealed record RequestReturnRequest
    {
        public required ImmutableArray<ReturnLineRequest> Lines { get; init; }

        /// <summary>Replacement SKUs: receiving the return creates a no-charge order of them.</summary>
        public ImmutableArray<ExchangeLine> Exchange { get; init; } = [];
    }

    public sealed record DecideRequest
    {
        public required bool Approve { get; init; }

        /// <summary>Required to reject a return.</summary>
        public string? Reason { get; init; }
    }

    public sealed record ReceiveReturnRequest
    {
        /// <summary>Per returned line the units and what happens to them; the quantities must match the return.</summary>
        public required ImmutableArray<ReceivedLine> Lines { get; init; }
    }

    public sealed record RequestRefundRequest
    {
        /// <summary>In the order's currency; absent for a full refund of everything still refundable.</summary>
        public decimal? Amount { get; init; }

        public required string Reason { get; init; }

        public string? ReturnId { get; init; }
    }

    private static async Task<Results<Ok<AfterSalesSnapshot>, ProblemHttpResult>> GetAsync(string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (AfterSales.Find(http, grains, orderId, out var returns) is { } notFound) return notFound;
        var snapshot = await returns.GetAsync();
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(snapshot);
    }

    private static async Task<Results<Ok<ReturnRequest>, ProblemHttpResult>> GetReturnAsync(
        string orderId, string returnId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (AfterSales.Find(http, grains, orderId, out var returns) is { } notFound) return notFound;
        var snapshot = await returns.GetAsync();
        return snapshot.Returns.FirstOrDefault(r => r.ReturnId == returnId) is { } found
            ? TypedResults.Ok(found)
            : ApiProblems.NotFound(FulfilmentErrorCodes.ReturnNotFound, $"Order {orderId} has no return {returnId}.");
    }

    private static async Task<Results<Ok<Refund>, ProblemHttpResult>> GetRefundAsync(
        string orderId, string refundId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (AfterSales.Find(http, grains, orderId, out var returns) is { } notFound) return notFound;
        var snapshot = await returns.GetAsync();
        return snapshot.Refunds.FirstOrDefault(r => r.RefundId == refundId) is { } found
            ? TypedResults.Ok(found)
            : ApiProblems.NotFound(FulfilmentErrorCodes.RefundNotFound, $"Order {orderId} has no refund {refundId}.");
    }

    private static async Task<Results<Created<AfterSalesSnapshot>, ProblemHttpResult>> RequestReturnAsync(
        string orderId, JsonBody<RequestReturnRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Find(http, grains, orderId, out var returns, out var expected) is { } problem) return problem;
        var request = body.Value;
        var snapshot = await returns.RequestReturnAsync(new RequestReturn(ApiCaller.From(http.User).Actor, request.Lines, request.Exchange, expected));
        ETags.Set(http, snapshot.Version);
        return TypedResults.Created($"/api/v1/orders/{orderId}/returns/{snapshot.Returns[^1].ReturnId}", snapshot);
    }

    private static Task<Results<Ok<AfterSalesSnapshot>, ProblemHttpResult>> DecideReturnAsync(
        string orderId, string returnId, JsonBody<DecideRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, orderId, (r, actor, expected) => r.DecideReturnAsync(new DecideReturn(actor, returnId, body.Value.Approve, body.Value.Reason, expected)));

    private static Task<Results<Ok<AfterSalesSnapshot>, ProblemHttpResult>> ReceiveReturnAsync(
        string orderId, string returnId, JsonBody<ReceiveReturnRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, orderId, (r, actor, expected) => r.ReceiveReturnAsync(new ReceiveReturn(actor, returnId, body.Value.Lines, expected)));

    private static async Task<Results<Created<AfterSalesSnapshot>, ProblemHttpResult>> RequestRefundAsync(
        string orderId, JsonBody<RequestRefundRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Find(http, grains, orderId, out var returns, out var expected) is { } problem) return problem;
        var request = body.Value;
        var snapshot = await returns.RequestRefundAsync(new RequestRefund(ApiCaller.From(http.User).Actor, request.Amount, request.Reason, request.ReturnId, expected));
        ETags.Set(http, snapshot.Version);
        return TypedResults.Created($"/api/v1/orders/{orderId}/refunds/{snapshot.Refunds[^1].RefundId}", snapshot);
    }

    private static Task<Results<Ok<AfterSalesSnapshot>, ProblemHttpResult>> DecideRefundAsync(
        string orderId, string refundId, JsonBody<DecideRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, orderId, (r, actor, expected) => r.DecideRefundAsync(new DecideRefund(actor, refundId, body.Value.Approve, body.Value.Reason, expected)));

    private static async Task<Results<Ok<AfterSalesSnapshot>, ProblemHttpResult>> RunAsync(
        HttpContext http, IGrainFactory grains, string orderId, Func<IReturnsGrain, Actor, long?, Task<AfterSalesSnapshot>> command)
    {
        if (Find(http, grains, orderId, out var returns, out var expected) is { } problem) return problem;
        var snapshot = await command(returns, ApiCaller.From(http.User).Actor, expected);
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(snapshot);
    }

    /// <summary>
    /// The caller's returns grain of the order and the version If-Match names (handed to the grain, which refuses a stale
    /// one in the same turn as the change: 412), or the problem to answer with: an id that cannot exist (404), a malformed If-Match (400).
    /// </summary>
    private static ProblemHttpResult? Find(HttpContext http, IGrainFactory grains, string orderId, out IReturnsGrain returns, out long? expectedVersion)
    {
        expectedVersion = null;
        if (AfterSales.Find(http, grains, orderId, out returns) is { } notFound) return notFound;
        return Preconditions.ReadIfMatch(http, out expectedVersion);
    }
}
