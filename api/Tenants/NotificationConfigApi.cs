using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Notifications;

namespace OrderCluster.Api.Tenants;

/// <summary>
/// The tenant's notification templates (versioned; publishing replaces the whole set) and an order's history of the
/// notifications sent for it. Templates: read <c>config:read</c>, publish <c>admin</c>; an order's history: <c>orders:read</c>.
/// </summary>
public static class NotificationConfigApi
{
    public static RouteGroupBuilder MapNotificationConfigApi(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/notification-templates", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (INotificationTemplatesGrain t) => t.GetCurrentAsync()))
            .WithName("GetNotificationTemplates").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/notification-templates", PublishAsync).WithName("PublishNotificationTemplates").RequireAuthorization(ApiScopes.Admin).Idempotent();
        api.MapGet("/orders/{orderId}/notifications", (string orderId, HttpContext http, IGrainFactory g, CancellationToken cancellationToken) =>
                TenantGrains.ReadOfOrderAsync(http, g, orderId, (INotificationOutboxGrain o) => o.GetHistoryAsync()))
            .WithTags("Orders").WithName("GetOrderNotifications").RequireAuthorization(ApiScopes.OrdersRead);
        return config;
    }

    public sealed record PublishNotificationTemplatesRequest
    {
        /// <summary>The whole new set (an empty list removes every template).</summary>
        public required ImmutableArray<NotificationTemplate> Templates { get; init; }

        /// <summary>The version this one is based on; refused (409) when another was published since.</summary>
        public int? ExpectedVersion { get; init; }
    }

    private static async Task<Ok<NotificationTemplates>> PublishAsync(
        JsonBody<PublishNotificationTemplatesRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantGrains.Of<INotificationTemplatesGrain>(http, grains).PublishAsync(
            new PublishNotificationTemplates(ApiCaller.From(http.User).Actor, body.Value.Templates, body.Value.ExpectedVersion)));
}
