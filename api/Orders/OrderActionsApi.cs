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
/// Workflow actions on an order: any action of the tenant's workflow by name, <c>cancel</c>, <c>hold</c> and <c>resume</c>
/// by their own routes, <c>approve</c> and <c>reject</c> (scope <c>orders:approve</c>), <c>archive</c> of an order in a final state and <c>restore</c> of an archived one,
/// <c>assign</c> (the order's assignee), and the actions available now.
/// Each takes <c>If-Match</c> (412 when stale) or a body <c>expectedVersion</c> (409 with the current version) and an
/// <c>Idempotency-Key</c>, and answers the new version as the ETag.
/// </summary>
public static class OrderActionsApi
{
    public static RouteGroupBuilder MapOrderActionsApi(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{orderId}/actions", AvailableAsync).WithName("GetAvailableOrderActions").RequireAuthorization(ApiScopes.OrdersRead);
        orders.MapPost("/{orderId}/actions/{action}", PerformAsync).WithName("PerformOrderAction").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        foreach (var action in new[] { "cancel", "hold", "resume" })
            orders.MapPost($"/{{orderId}}/{action}", (string orderId, JsonBody<OrderActionRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
                    PerformAsync(orderId, action, body, http, grains, cancellationToken))
                .WithName($"{char.ToUpperInvariant(action[0])}{action[1..]}Order").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/approve", ApproveAsync).WithName("ApproveOrder").RequireAuthorization(ApiScopes.OrdersApprove).Idempotent();
        orders.MapPost("/{orderId}/reject", RejectAsync).WithName("RejectOrder").RequireAuthorization(ApiScopes.OrdersApprove).Idempotent();
        orders.MapPost("/{orderId}/assign", AssignAsync).WithName("AssignOrder").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/archive", ArchiveAsync).WithName("ArchiveOrder").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/restore", RestoreAsync).WithName("RestoreOrder").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        return orders;
    }

    private static async Task<Results<Ok<ImmutableArray<AvailableAction>>, ProblemHttpResult>> AvailableAsync(
        string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (OrderGrains.Find(http, grains, orderId, out var order) is { } notFound) return notFound;
        return TypedResults.Ok(await order.GetAvailableActionsAsync(ApiCaller.From(http.User).Actor));
    }

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> PerformAsync(
        string orderId, string action, JsonBody<OrderActionRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.PerformActionAsync(new PerformOrderAction
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Action = action, Reason = body.Value.Reason,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> ApproveAsync(
        string orderId, JsonBody<ApproveRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.ApproveAsync(new ApproveOrder
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Level = body.Value.Level, Comment = body.Value.Comment,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> RejectAsync(
        string orderId, JsonBody<RejectRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.RejectAsync(new RejectOrder
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Reason = body.Value.Reason,
        }));

    /// <summary>Sets or clears (null <c>assignee</c>) who works on the order; a final order keeps its assignee.</summary>
    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> AssignAsync(
        string orderId, JsonBody<AssignRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.AssignAsync(new AssignOrder
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Assignee = body.Value.Assignee, Reason = body.Value.Reason,
        }));

    /// <summary>
    /// Archives an order in a final state of its workflow now (reason optional), as an archive rule would: 409
    /// <c>order-not-archivable</c> in any other state, <c>order-archived</c> when it already is.
    /// </summary>
    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> ArchiveAsync(
        string orderId, JsonBody<OrderActionRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.ArchiveAsync(new GrainInterfaces.Archiving.ArchiveOrder
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Reason = body.Value.Reason,
        }));

    /// <summary>Brings an archived order back (reason required); every other command refuses an archived order (<c>order-archived</c>).</summary>
    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> RestoreAsync(
        string orderId, JsonBody<OrderActionRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.RestoreAsync(new GrainInterfaces.Archiving.RestoreOrder
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Reason = body.Value.Reason ?? "",
        }));
}

/// <summary>Runs one order command: reads the envelope, finds the order, calls, and answers the result with the new ETag.</summary>
internal static class OrderCommandRunner
{
    public static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> RunAsync(
        HttpContext http, IGrainFactory grains, string orderId, long? bodyVersion, Func<IOrderGrain, CommandEnvelope, Task<OrderCommandResult>> command) =>
        TenantEntities.Orders.RunAsync(http, grains, orderId, bodyVersion, command, r => r.Version);
}
