using OrderCluster.GrainInterfaces.Automation;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Automation;

public sealed record AutomationRulesState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<AutomationRules> Published { get; init; } = [];
}

/// <summary>A tenant's automation rules, keyed <c>{tenant}</c>, versioned; version 0 has none.</summary>
internal sealed class AutomationRulesGrain([PersistentState("automation-rules")] IPersistentState<AutomationRulesState> state) : Grain, IAutomationRulesGrain
{
    public const int MaxSteps = 20;

    public async Task<AutomationRules> PublishAsync(PublishAutomationRules command)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        if (command.ExpectedVersion is { } expected && expected != Current.Version)
            throw new VersionConflictException("automation rules", expected, Current.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        var rules = command.Rules.IsDefault ? [] : command.Rules;
        for (var i = 0; i < rules.Length; i++)
        {
            var r = rules[i];
            errors.Add(TenantKeys.CheckId(r.RuleId, $"rules[{i}].ruleId"));
            errors.Text($"rules[{i}].name", r.Name, 200);
            errors.Text($"rules[{i}].trigger.eventType", r.Trigger?.EventType, 100);
            if (r.Trigger?.Delay is { } d && d < TimeSpan.FromSeconds(1)) errors.Add($"rules[{i}].trigger.delay", "out-of-range", "A delay is at least one second.");
            if (r.Steps.IsDefaultOrEmpty || r.Steps.Length > MaxSteps) errors.Add($"rules[{i}].steps", "out-of-range", $"A rule has 1 to {MaxSteps} steps.");
            else
                for (var s = 0; s < r.Steps.Length; s++)
                {
                    errors.Text($"rules[{i}].steps[{s}].value", r.Steps[s].Value, 200);
                    if (r.Steps[s].Delay < TimeSpan.Zero) errors.Add($"rules[{i}].steps[{s}].delay", "negative", "A delay cannot be negative.");
                    if (r.Steps[s].Kind == AutomationActionKind.SetPriority && !Enum.TryParse<GrainInterfaces.Orders.OrderPriority>(r.Steps[s].Value, true, out _))
                        errors.Add($"rules[{i}].steps[{s}].value", "invalid-priority", $"'{r.Steps[s].Value}' is not a priority (low, normal, high, urgent).");
                }

            if (r.MaxRunsPerOrder is < 1 or > 100) errors.Add($"rules[{i}].maxRunsPerOrder", "out-of-range", "maxRunsPerOrder is between 1 and 100.");
        }

        if (rules.GroupBy(r => r.RuleId).Any(g => g.Count() > 1)) errors.Add("rules", "duplicate-id", "Rule ids are unique.");
        errors.ThrowIfAny();
        var published = new AutomationRules { Version = Current.Version + 1, Rules = rules, PublishedBy = command.Actor };
        state.State = state.State with { Published = state.State.Published.Add(published) };
        await state.WriteStateAsync();
        return published;
    }

    public Task<AutomationRules> GetCurrentAsync() => Task.FromResult(Current);

    private AutomationRules Current => state.State.Published.IsEmpty ? new AutomationRules() : state.State.Published[^1];
}

public sealed record AutomationStatsState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>> Rules { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, long>>.Empty;
}

/// <summary>Counts per rule and outcome, keyed <c>{tenant}</c>; order automation grains report after each batch.</summary>
internal sealed class AutomationStatsGrain([PersistentState("automation-stats")] IPersistentState<AutomationStatsState> state) : Grain, IAutomationStatsGrain
{
    public async Task RecordAsync(ImmutableArray<AutomationOutcome> outcomes)
    {
        if (outcomes.IsDefaultOrEmpty) return;
        var rules = state.State.Rules;
        foreach (var o in outcomes)
        {
            var counts = rules.GetValueOrDefault(o.RuleId) ?? ImmutableSortedDictionary<string, long>.Empty;
            rules = rules.SetItem(o.RuleId, counts.SetItem(o.Outcome, counts.GetValueOrDefault(o.Outcome) + 1));
        }

        state.State = state.State with { Rules = rules };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<AutomationRuleStats>> GetAsync() =>
        Task.FromResult(state.State.Rules.Select(r => new AutomationRuleStats(r.Key, r.Value)).ToImmutableArray());
}
