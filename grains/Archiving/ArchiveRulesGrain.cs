using OrderCluster.GrainInterfaces.Archiving;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Archiving;

public sealed record ArchiveRulesState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<ArchiveRules> Published { get; init; } = [];
}

/// <summary>A tenant's archive rules, keyed <c>{tenant}</c>, versioned; version 1: closed or cancelled for 90 days.</summary>
internal sealed class ArchiveRulesGrain([PersistentState("archive-rules")] IPersistentState<ArchiveRulesState> state) : Grain, IArchiveRulesGrain
{
    public static readonly ArchiveRules Default = new()
    {
        Version = 1, Rules = [new ArchiveRule([DefaultWorkflowNames.Closed, DefaultWorkflowNames.Cancelled], TimeSpan.FromDays(90))],
    };

    public async Task<ArchiveRules> PublishAsync(PublishArchiveRules command)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        if (command.ExpectedVersion is { } expected && expected != Current.Version)
            throw new VersionConflictException("archive rules", expected, Current.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        var rules = command.Rules.IsDefault ? [] : command.Rules;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Statuses.IsDefaultOrEmpty) errors.Add($"rules[{i}].statuses", "required", "A rule names at least one status.");
            if (rules[i].After < TimeSpan.FromSeconds(1)) errors.Add($"rules[{i}].after", "out-of-range", "after is at least one second.");
        }

        errors.ThrowIfAny();
        var published = new ArchiveRules { Version = Current.Version + 1, Rules = rules, PublishedBy = command.Actor };
        state.State = state.State with { Published = state.State.Published.Add(published) };
        await state.WriteStateAsync();
        return published;
    }

    public Task<ArchiveRules> GetCurrentAsync() => Task.FromResult(Current);

    private ArchiveRules Current => state.State.Published.IsEmpty ? Default : state.State.Published[^1];
}
