using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Api.Tenants;

/// <summary>
/// The tenant's configuration: workflow definitions, SLA policies, custom-field schemas (versioned: publishing makes a new
/// version, orders keep theirs), order templates and the SLA compliance report. Reading needs <c>config:read</c>, changing <c>admin</c>.
/// </summary>
public static class ConfigurationApi
{
    public static RouteGroupBuilder MapConfigurationApi(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/workflow", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (IWorkflowDefinitionsGrain w) => w.GetCurrentAsync())).WithName("GetWorkflow").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapGet("/workflow/versions/{version:int}", (int version, HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (IWorkflowDefinitionsGrain w) => w.GetVersionAsync(version))).WithName("GetWorkflowVersion").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/workflow", PublishWorkflowAsync).WithName("PublishWorkflow").RequireAuthorization(ApiScopes.Admin).Idempotent();
        config.MapGet("/sla-policy", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (ISlaPoliciesGrain s) => s.GetCurrentAsync())).WithName("GetSlaPolicy").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapGet("/sla-policy/versions/{version:int}", (int version, HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (ISlaPoliciesGrain s) => s.GetVersionAsync(version))).WithName("GetSlaPolicyVersion").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/sla-policy", PublishSlaPolicyAsync).WithName("PublishSlaPolicy").RequireAuthorization(ApiScopes.Admin).Idempotent();
        config.MapGet("/sla-report", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (ISlaReportGrain r) => r.GetAsync())).WithName("GetSlaReport").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapGet("/custom-fields", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (ICustomFieldSchemaGrain s) => s.GetCurrentAsync())).WithName("GetCustomFieldSchema").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapGet("/custom-fields/versions/{version:int}", (int version, HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (ICustomFieldSchemaGrain s) => s.GetVersionAsync(version))).WithName("GetCustomFieldSchemaVersion").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/custom-fields", PublishCustomFieldsAsync).WithName("PublishCustomFieldSchema").RequireAuthorization(ApiScopes.Admin).Idempotent();
        config.MapGet("/templates", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (IOrderTemplatesGrain t) => t.ListAsync())).WithName("ListOrderTemplates").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapGet("/templates/{templateId}", (string templateId, HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (IOrderTemplatesGrain t) => t.GetAsync(templateId))).WithName("GetOrderTemplate").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/templates/{templateId}", SaveTemplateAsync).WithName("SaveOrderTemplate").RequireAuthorization(ApiScopes.Admin).Idempotent();
        config.MapDelete("/templates/{templateId}", RemoveTemplateAsync).WithName("RemoveOrderTemplate").RequireAuthorization(ApiScopes.Admin).Idempotent();
        return config;
    }

    public sealed record PublishWorkflowRequest
    {
        public required WorkflowDefinition Definition { get; init; }

        /// <summary>The version this one is based on; refused (409) when another was published since.</summary>
        public int? ExpectedVersion { get; init; }
    }

    public sealed record PublishSlaPolicyRequest
    {
        public required SlaPolicy Policy { get; init; }

        public int? ExpectedVersion { get; init; }
    }

    public sealed record PublishCustomFieldsRequest
    {
        public ImmutableArray<CustomFieldDefinition> Fields { get; init; } = [];

        public int? ExpectedVersion { get; init; }
    }

    private static async Task<Ok<WorkflowDefinition>> PublishWorkflowAsync(JsonBody<PublishWorkflowRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantGrains.Of<IWorkflowDefinitionsGrain>(http, grains).PublishAsync(new PublishWorkflow
        {
            Actor = ApiCaller.From(http.User).Actor, ExpectedVersion = body.Value.ExpectedVersion, Definition = body.Value.Definition,
        }));

    private static async Task<Ok<SlaPolicy>> PublishSlaPolicyAsync(JsonBody<PublishSlaPolicyRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantGrains.Of<ISlaPoliciesGrain>(http, grains).PublishAsync(new PublishSlaPolicy
        {
            Actor = ApiCaller.From(http.User).Actor, ExpectedVersion = body.Value.ExpectedVersion, Policy = body.Value.Policy,
        }));

    private static async Task<Ok<CustomFieldSchema>> PublishCustomFieldsAsync(JsonBody<PublishCustomFieldsRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantGrains.Of<ICustomFieldSchemaGrain>(http, grains).PublishAsync(new PublishCustomFieldSchema
        {
            Actor = ApiCaller.From(http.User).Actor, ExpectedVersion = body.Value.ExpectedVersion, Fields = body.Value.Fields,
        }));

    private static async Task<Results<Ok<OrderTemplate>, ProblemHttpResult>> SaveTemplateAsync(
        string templateId, JsonBody<OrderTemplate> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (body.Value.TemplateId != templateId) return ApiProblems.BadRequest("templateId", "must equal the id in the path.");
        return TypedResults.Ok(await TenantGrains.Of<IOrderTemplatesGrain>(http, grains).SaveAsync(new SaveOrderTemplate { Actor = ApiCaller.From(http.User).Actor, Template = body.Value }));
    }

    private static async Task<NoContent> RemoveTemplateAsync(string templateId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        await TenantGrains.Of<IOrderTemplatesGrain>(http, grains).RemoveAsync(new RemoveOrderTemplate { Actor = ApiCaller.From(http.User).Actor, TemplateId = templateId });
        return TypedResults.NoContent();
    }
}
