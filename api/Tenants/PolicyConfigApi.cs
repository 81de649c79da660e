using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Returns;

namespace OrderCluster.Api.Tenants;

/// <summary>
/// The tenant's sourcing rules (how warehouses are ranked and orders split) and refund policy (which refunds wait for
/// approval), both versioned with a built-in version 1. Read <c>config:read</c>, publish <c>admin</c>.
/// </summary>
public static class PolicyConfigApi
{
    public static RouteGroupBuilder MapPolicyConfigApi(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/sourcing-rules", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (ISourcingRulesGrain r) => r.GetCurrentAsync()))
            .WithName("GetSourcingRules").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/sourcing-rules", PublishSourcingRulesAsync).WithName("PublishSourcingRules").RequireAuthorization(ApiScopes.Admin).Idempotent();
        config.MapGet("/refund-policy", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (IRefundPolicyGrain p) => p.GetCurrentAsync()))
            .WithName("GetRefundPolicy").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/refund-policy", PublishRefundPolicyAsync).WithName("PublishRefundPolicy").RequireAuthorization(ApiScopes.Admin).Idempotent();
        return config;
    }

    public sealed record PublishSourcingRulesRequest
    {
        /// <summary>The new rules (their <c>version</c>, <c>publishedBy</c> and <c>publishedAt</c> are set by publishing).</summary>
        public required SourcingRules Rules { get; init; }

        /// <summary>The version this one is based on; refused (409) when another was published since.</summary>
        public int? ExpectedVersion { get; init; }
    }

    public sealed record PublishRefundPolicyRequest
    {
        /// <summary>The new policy (its <c>version</c> and <c>publishedBy</c> are set by publishing).</summary>
        public required RefundPolicy Policy { get; init; }

        /// <summary>The version this one is based on; refused (409) when another was published since.</summary>
        public int? ExpectedVersion { get; init; }
    }

    private static async Task<Ok<SourcingRules>> PublishSourcingRulesAsync(
        JsonBody<PublishSourcingRulesRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantGrains.Of<ISourcingRulesGrain>(http, grains).PublishAsync(
            new PublishSourcingRules(ApiCaller.From(http.User).Actor, body.Value.Rules, body.Value.ExpectedVersion)));

    private static async Task<Ok<RefundPolicy>> PublishRefundPolicyAsync(
        JsonBody<PublishRefundPolicyRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantGrains.Of<IRefundPolicyGrain>(http, grains).PublishAsync(
            new PublishRefundPolicy(ApiCaller.From(http.User).Actor, body.Value.Policy, body.Value.ExpectedVersion)));
}
