using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Tenants;

public sealed record SlaPoliciesState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<SlaPolicy> Published { get; init; } = [];
}

/// <summary>A tenant's SLA policies, keyed <c>{tenant}</c>. Versions are kept: orders pin the one they were created with.</summary>
internal sealed class SlaPoliciesGrain(
    [PersistentState("sla-policies")] IPersistentState<SlaPoliciesState> state,
    TimeProvider time) : Grain, ISlaPoliciesGrain
{
    public async Task<SlaPolicy> PublishAsync(PublishSlaPolicy command)
    {
        var tenant = TenantKeys.ParseTenant(GetPrimaryKeyString());
        var current = Current;
        if (command.ExpectedVersion is { } expected && expected != current.Version)
            throw new VersionConflictException("SLA policy", expected, current.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        if (command.Policy is null) errors.Add("policy", "required", "policy is required.");
        errors.ThrowIfAny();
        var workflow = await GrainFactory.GetGrain<IWorkflowDefinitionsGrain>(tenant).GetCurrentAsync();
        SlaPolicyRules.Validate(errors, command.Policy!, workflow);
        errors.ThrowIfAny();

        var published = command.Policy! with { Version = current.Version + 1, PublishedBy = command.Actor, PublishedAt = time.GetUtcNow() };
        state.State = state.State with { Published = state.State.Published.Add(published) };
        await state.WriteStateAsync();
        return published;
    }

    public Task<SlaPolicy> GetCurrentAsync() => Task.FromResult(Current);

    public Task<SlaPolicy> GetVersionAsync(int version)
    {
        if (version == DefaultSlaPolicy.Policy.Version) return Task.FromResult(DefaultSlaPolicy.Policy);
        return Task.FromResult(state.State.Published.FirstOrDefault(p => p.Version == version)
                               ?? throw new NotFoundException(ErrorCodes.ConfigurationVersionNotFound, $"No SLA policy version {version}.", "version"));
    }

    private SlaPolicy Current => state.State.Published.IsEmpty ? DefaultSlaPolicy.Policy : state.State.Published[^1];
}
