using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Tenants;

public sealed record WorkflowDefinitionsState
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Every published version, oldest first (version 1, the built-in default, is not stored).</summary>
    public ImmutableList<WorkflowDefinition> Published { get; init; } = [];
}

/// <summary>A tenant's workflow definitions, keyed <c>{tenant}</c>. Versions are kept forever: orders pin theirs.</summary>
internal sealed class WorkflowDefinitionsGrain(
    [PersistentState("workflows")] IPersistentState<WorkflowDefinitionsState> state,
    TimeProvider time) : Grain, IWorkflowDefinitionsGrain
{
    public async Task<WorkflowDefinition> PublishAsync(PublishWorkflow command)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        var current = Current;
        if (command.ExpectedVersion is { } expected && expected != current.Version)
            throw new VersionConflictException("workflow definition", expected, current.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        if (command.Definition is null) errors.Add("definition", "required", "definition is required.");
        else WorkflowDefinitionRules.Validate(errors, command.Definition);
        errors.ThrowIfAny();

        var published = command.Definition! with { Version = current.Version + 1, PublishedBy = command.Actor, PublishedAt = time.GetUtcNow() };
        state.State = state.State with { Published = state.State.Published.Add(published) };
        await state.WriteStateAsync();
        return published;
    }

    public Task<WorkflowDefinition> GetCurrentAsync() => Task.FromResult(Current);

    public Task<WorkflowDefinition> GetVersionAsync(int version)
    {
        if (version == DefaultWorkflow.Definition.Version) return Task.FromResult(DefaultWorkflow.Definition);
        return Task.FromResult(state.State.Published.FirstOrDefault(d => d.Version == version)
                               ?? throw new NotFoundException(ErrorCodes.ConfigurationVersionNotFound, $"No workflow definition version {version}.", "version"));
    }

    private WorkflowDefinition Current => state.State.Published.IsEmpty ? DefaultWorkflow.Definition : state.State.Published[^1];
}
