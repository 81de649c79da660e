using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Runtime;

namespace OrderCluster.Grains.Tests.Support;

/// <summary>Workflow definitions for tests, derived from the built-in default.</summary>
public static class Workflows
{
    public static Task<WorkflowDefinition> DefaultAsync(IGrainFactory grains, string tenant) => grains.Workflows(tenant).GetVersionAsync(1);

    /// <summary>The default workflow with <paramref name="rules"/> as its only approval rules.</summary>
    public static async Task<WorkflowDefinition> PublishRulesAsync(IGrainFactory grains, string tenant, params ApprovalRule[] rules)
    {
        var definition = await DefaultAsync(grains, tenant);
        return await grains.Workflows(tenant).PublishAsync(new PublishWorkflow
        {
            Actor = TestData.Admin, Definition = definition with { Approval = definition.Approval with { Rules = [.. rules] } },
        });
    }

    public static ApprovalRule Rule(string id, ApprovalCondition when, params string[] levels) =>
        new() { Id = id, When = when, Levels = [.. levels] };
}
