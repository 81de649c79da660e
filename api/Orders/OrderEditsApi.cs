using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders;

/// <summary>Content edits as named actions: change lines, change fulfilment (addresses, shipping), set custom fields, change priority, change tags.</summary>
public static class OrderEditsApi
{
    public static RouteGroupBuilder MapOrderEditsApi(this RouteGroupBuilder orders)
    {
        orders.MapPost("/{orderId}/change-lines", ChangeLinesAsync).WithName("ChangeOrderLines").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/change-fulfilment", ChangeFulfilmentAsync).WithName("ChangeOrderFulfilment").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/set-custom-fields", SetCustomFieldsAsync).WithName("SetOrderCustomFields").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/change-priority", ChangePriorityAsync).WithName("ChangeOrderPriority").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/change-tags", ChangeTagsAsync).WithName("ChangeOrderTags").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        return orders;
    }

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> ChangeLinesAsync(
        string orderId, JsonBody<ChangeLinesRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.ChangeLinesAsync(new ChangeOrderLines
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Add = body.Value.Add, Update = body.Value.Update, Remove = body.Value.Remove,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> ChangeFulfilmentAsync(
        string orderId, JsonBody<ChangeFulfilmentRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.ChangeFulfilmentAsync(new ChangeFulfilment
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, ShippingAddress = body.Value.ShippingAddress,
            BillingAddress = body.Value.BillingAddress, BillingSameAsShipping = body.Value.BillingSameAsShipping, Shipping = body.Value.Shipping,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> SetCustomFieldsAsync(
        string orderId, JsonBody<SetCustomFieldsRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.SetCustomFieldsAsync(new SetCustomFields
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Values = body.Value.Values,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> ChangePriorityAsync(
        string orderId, JsonBody<ChangePriorityRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.ChangePriorityAsync(new ChangePriority
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Priority = body.Value.Priority, Reason = body.Value.Reason,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> ChangeTagsAsync(
        string orderId, JsonBody<ChangeTagsRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.ChangeTagsAsync(new ChangeTags
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Add = body.Value.Add, Remove = body.Value.Remove,
        }));
}
