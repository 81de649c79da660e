using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Automation;

namespace OrderCluster.Api.Tenants;

/// <summary>
/// The tenant's automation rules (versioned; publishing replaces the whole set, a rule with <c>dryRun</c> only logs what
/// it would do), their execution counts, and an order's automation log. Rules: read <c>config:read</c>, publish
/// <c>admin</c>; an order's log: <c>orders:read</c>.
/// </summary>
public static class AutomationConfigApi
{
    public static RouteGroupBuilder MapAutomationConfigApi(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/automation-rules", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (IAutomationRulesGrain r) => r.GetCurrentAsync()))
            .WithName("GetAutomationRules").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/automation-rules", PublishAsync).WithName("PublishAutomationRules").RequireAuthorization(ApiScopes.Admin).Idempotent();
        config.MapGet("/automation-rules/stats", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (IAutomationStatsGrain s) => s.GetAsync()))
            .WithName("GetAutomationRuleStats").RequireAuthorization(ApiScopes.ConfigRead);
        api.MapGet("/orders/{orderId}/automation-log", (string orderId, HttpContext http, IGrainFactory g, CancellationToken cancellationToken) =>
                TenantGrains.ReadOfOrderAsync(http, g, orderId, (IOrderAutomationGrain a) => a.GetLogAsync()))
            .WithTags("Orders").WithName("GetOrderAutomationLog").RequireAuthorization(ApiScopes.OrdersRead);
        return config;
    }

    public sealed record PublishAutomationRulesRequest
    {
        /// <summary>The whole new set (an empty list removes every rule).</summary>
        public required ImmutableArray<AutomationRule> Rules { get; init; }

        /// <summary>The version this one is based on; refused (409) when another was published since.</summary>
        public int? ExpectedVersion { get; init; }
    }

    private static async Task<Ok<AutomationRules>> PublishAsync(JsonBody<PublishAutomationRulesRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantGrains.Of<IAutomationRulesGrain>(http, grains).PublishAsync(
            new PublishAutomationRules(ApiCaller.From(http.User).Actor, body.Value.Rules, body.Value.ExpectedVersion)));
}
