using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Tenants;

/// <summary>Checks an SLA policy before it is published, against the tenant's current workflow states.</summary>
internal static class SlaPolicyRules
{
    public const int MaxRules = 100;

    private static readonly TimeSpan MaxWithin = TimeSpan.FromDays(365);

    public static void Validate(FieldErrors errors, SlaPolicy policy, WorkflowDefinition workflow)
    {
        var states = workflow.States.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (!(policy.WarningFraction > 0 && policy.WarningFraction < 1))
            errors.Add("warningFraction", "out-of-range", "warningFraction lies between 0 and 1 (exclusive).");
        errors.Text("notifyRole", policy.NotifyRole, 64);
        if (policy.Rules.Length > MaxRules) errors.Add("rules", "too-many", $"At most {MaxRules} SLA rules.");

        var shapeOfKind = new Dictionary<string, (string Start, string Met)>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Rules.Length; i++)
        {
            var rule = policy.Rules[i];
            var path = $"rules[{i}]";
            if (!WorkflowDefinitionRules.IsName(rule.Kind)) errors.Add($"{path}.kind", "invalid-format", "A kind is lower-case letters, digits and '-'.");
            if (!states.Contains(rule.StartState ?? "")) errors.Add($"{path}.startState", "unknown-state", $"The workflow (version {workflow.Version}) has no state '{rule.StartState}'.");
            if (rule.MetStates.IsDefaultOrEmpty) errors.Add($"{path}.metStates", "required", "A deadline is met in at least one state.");
            for (var j = 0; j < (rule.MetStates.IsDefault ? 0 : rule.MetStates.Length); j++)
                if (!states.Contains(rule.MetStates[j])) errors.Add($"{path}.metStates[{j}]", "unknown-state", $"The workflow has no state '{rule.MetStates[j]}'.");
            if (rule.Within <= TimeSpan.Zero || rule.Within > MaxWithin) errors.Add($"{path}.within", "out-of-range", "within is positive and at most 365 days.");
            if (rule.Priorities.Any(p => !Enum.IsDefined(p))) errors.Add($"{path}.priorities", "unknown-value", "Unknown priority.");
            if (rule.Channels.Any(c => !Enum.IsDefined(c))) errors.Add($"{path}.channels", "unknown-value", "Unknown channel.");

            // All rules of one kind describe the same deadline (only its length varies by priority and channel).
            var shape = (rule.StartState ?? "", string.Join(",", rule.MetStates.IsDefault ? [] : rule.MetStates.Order()));
            if (rule.Kind is not null && !shapeOfKind.TryAdd(rule.Kind, shape) && shapeOfKind[rule.Kind] != shape)
                errors.Add($"{path}.startState", "inconsistent-kind", $"Rules of kind '{rule.Kind}' must share their start and meeting states.");
        }
    }
}
