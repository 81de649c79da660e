using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Fulfilment.Sourcing;

public sealed record SourcingRulesState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<SourcingRules> Published { get; init; } = [];
}

/// <summary>A tenant's sourcing rules, keyed <c>{tenant}</c>. Version 1 is the built-in default (<see cref="SourcingRules"/>'s defaults).</summary>
internal sealed class SourcingRulesGrain(
    [PersistentState("sourcing-rules")] IPersistentState<SourcingRulesState> state,
    TimeProvider time) : Grain, ISourcingRulesGrain
{
    public static readonly SourcingRules Default = new() { Version = 1 };

    public async Task<SourcingRules> PublishAsync(PublishSourcingRules command)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        var current = Current;
        if (command.ExpectedVersion is { } expected && expected != current.Version)
            throw new VersionConflictException("sourcing rules", expected, current.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        if (command.Rules is null) errors.Add("rules", "required", "rules is required.");
        else
        {
            if (command.Rules.MaxWarehouses is < 1 or > 20) errors.Add("rules.maxWarehouses", "out-of-range", "rules.maxWarehouses must be between 1 and 20.");
            if (command.Rules.Criteria.IsDefaultOrEmpty) errors.Add("rules.criteria", "required", "rules.criteria needs at least one criterion.");
        }

        errors.ThrowIfAny();
        var published = command.Rules! with { Version = current.Version + 1, PublishedBy = command.Actor, PublishedAt = time.GetUtcNow() };
        state.State = state.State with { Published = state.State.Published.Add(published) };
        await state.WriteStateAsync();
        return published;
    }

    public Task<SourcingRules> GetCurrentAsync() => Task.FromResult(Current);

    private SourcingRules Current => state.State.Published.IsEmpty ? Default : state.State.Published[^1];
}
