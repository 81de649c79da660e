using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Webhooks;

namespace OrderCluster.Api.Webhooks;

/// <summary>
/// Webhook subscriptions of the caller's tenant (scope <c>admin</c>): create (the secret is in the answer, once), list,
/// read, change (URL, event types, active), delete, rotate the secret, read the delivery log, replay a failed delivery.
/// Another tenant's subscription is a 404.
/// </summary>
public static class WebhooksApi
{
    private const int MaxOverlapSeconds = 7 * 24 * 3600;

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(ApiScopes.Admin);
        webhooks.MapPost("", CreateAsync).WithName("CreateWebhook").Idempotent();
        webhooks.MapGet("", ListAsync).WithName("ListWebhooks");
        webhooks.MapGet("/{subscriptionId}", GetAsync).WithName("GetWebhook");
        webhooks.MapPatch("/{subscriptionId}", UpdateAsync).WithName("UpdateWebhook").Idempotent();
        webhooks.MapDelete("/{subscriptionId}", DeleteAsync).WithName("DeleteWebhook").Idempotent();
        webhooks.MapPost("/{subscriptionId}/rotate-secret", RotateSecretAsync).WithName("RotateWebhookSecret").Idempotent();
        webhooks.MapGet("/{subscriptionId}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries");
        webhooks.MapPost("/{subscriptionId}/deliveries/{deliveryId}/replay", ReplayAsync).WithName("ReplayWebhookDelivery").Idempotent();
        return webhooks;
    }

    public sealed record CreateWebhookRequest
    {
        /// <summary>The receiver: an https URL (http only where the silo allows it).</summary>
        public required string Url { get; init; }

        /// <summary>Order event types (<c>order.created</c>, <c>order.status-changed</c>, ...) or <c>*</c> for all.</summary>
        public ImmutableArray<string> EventTypes { get; init; } = [];

        public string? Description { get; init; }
    }

    /// <summary>Only what is given changes; <c>active: true</c> re-enables a disabled subscription.</summary>
    public sealed record UpdateWebhookRequest
    {
        public string? Url { get; init; }

        public ImmutableArray<string>? EventTypes { get; init; }

        public string? Description { get; init; }

        public bool? Active { get; init; }

        public long? ExpectedVersion { get; init; }
    }

    public sealed record WebhookList(ImmutableArray<WebhookSubscription> Items);

    public sealed record WebhookDeliveryList(ImmutableArray<WebhookDelivery> Items);

    private static async Task<Results<Created<WebhookSecretIssued>, ProblemHttpResult>> CreateAsync(
        JsonBody<CreateWebhookRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var issued = await Subscriptions(grains, caller).CreateAsync(new CreateWebhook
        {
            Actor = caller.Actor, Url = body.Value.Url, EventTypes = body.Value.EventTypes, Description = body.Value.Description,
        });
        return TypedResults.Created($"/api/v1/webhooks/{issued.Subscription.SubscriptionId}", issued);
    }

    private static async Task<Ok<WebhookList>> ListAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookList(await Subscriptions(grains, ApiCaller.From(http.User)).ListAsync()));

    private static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> GetAsync(string subscriptionId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Subscriptions(grains, ApiCaller.From(http.User)).GetAsync(subscriptionId));

    private static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> UpdateAsync(
        string subscriptionId, JsonBody<UpdateWebhookRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var b = body.Value;
        return TypedResults.Ok(await Subscriptions(grains, caller).UpdateAsync(new UpdateWebhook
        {
            Actor = caller.Actor, SubscriptionId = subscriptionId, Url = b.Url, EventTypes = b.EventTypes, Description = b.Description,
            Active = b.Active, ExpectedVersion = b.ExpectedVersion,
        }));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string subscriptionId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        await Subscriptions(grains, caller).DeleteAsync(new DeleteWebhook(caller.Actor, subscriptionId));
        return TypedResults.NoContent();
    }

    /// <summary>A new secret (in the answer, once); the previous one keeps signing for <paramref name="overlapSeconds"/> (default <c>Webhooks:SecretOverlap</c>, 24 h; 0 ends it now).</summary>
    private static async Task<Results<Ok<WebhookSecretIssued>, ProblemHttpResult>> RotateSecretAsync(
        string subscriptionId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, int? overlapSeconds = null)
    {
        if (overlapSeconds is < 0 or > MaxOverlapSeconds) return ApiProblems.BadRequest("overlapSeconds", $"The overlap must be 0 to {MaxOverlapSeconds} seconds.");
        var caller = ApiCaller.From(http.User);
        TimeSpan? overlap = overlapSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        return TypedResults.Ok(await Subscriptions(grains, caller).RotateSecretAsync(new RotateWebhookSecret(caller.Actor, subscriptionId, overlap)));
    }

    /// <summary>The newest deliveries first, each with its attempts; <paramref name="status"/> (pending, succeeded, failed) filters.</summary>
    private static async Task<Results<Ok<WebhookDeliveryList>, ProblemHttpResult>> DeliveriesAsync(
        string subscriptionId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, int? limit = null, string? status = null)
    {
        if (limit is < 1 or > 500) return ApiProblems.BadRequest("limit", "The limit must be 1 to 500.");
        WebhookDeliveryStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<WebhookDeliveryStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
                return ApiProblems.BadRequest("status", "The status must be pending, succeeded or failed.");
            filter = parsed;
        }

        var caller = ApiCaller.From(http.User);
        await Subscriptions(grains, caller).GetAsync(subscriptionId); // another tenant's (or an unknown) subscription is a 404
        var deliveries = await Deliveries(grains, caller, subscriptionId).GetDeliveriesAsync(new WebhookDeliveryQuery { Status = filter, Limit = limit ?? 100 });
        return TypedResults.Ok(new WebhookDeliveryList(deliveries));
    }

    private static async Task<Results<Ok<WebhookDelivery>, ProblemHttpResult>> ReplayAsync(
        string subscriptionId, string deliveryId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        await Subscriptions(grains, caller).GetAsync(subscriptionId);
        return TypedResults.Ok(await Deliveries(grains, caller, subscriptionId).ReplayAsync(deliveryId));
    }

    private static IWebhookSubscriptionsGrain Subscriptions(IGrainFactory grains, ApiCaller caller) =>
        grains.GetGrain<IWebhookSubscriptionsGrain>(TenantKeys.ForTenant(caller.TenantId));

    /// <summary>Only called after the subscription was found, so the id is one this tenant has (and a valid key).</summary>
    private static IWebhookDeliveryGrain Deliveries(IGrainFactory grains, ApiCaller caller, string subscriptionId) =>
        grains.GetGrain<IWebhookDeliveryGrain>(caller.KeyFor(subscriptionId, "subscriptionId"));
}
