using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Tenants;

/// <summary>Checks a workflow definition before it is published; errors name fields such as <c>transitions[3].to</c>.</summary>
internal static class WorkflowDefinitionRules
{
    public const int MaxStates = 50;
    public const int MaxTransitions = 200;
    public const int MaxRules = 100;
    public const int MaxConditionDepth = 6;

    public static void Validate(FieldErrors errors, WorkflowDefinition definition)
    {
        errors.Text("name", definition.Name, 100);
        var states = ValidateStates(errors, definition.States);
        State(errors, states, "initialState", definition.InitialState);
        ValidateTransitions(errors, definition, states);
        ValidateApproval(errors, definition.Approval, states);
        ValidateHold(errors, definition, states);
        for (var i = 0; i < definition.EditableStates.Length; i++) State(errors, states, $"editableStates[{i}]", definition.EditableStates[i]);
        if (!definition.Transitions.Any(t => t.Action == definition.PlaceAction && t.From.Contains(definition.InitialState)))
            errors.Add("placeAction", "unknown-transition", $"No transition '{definition.PlaceAction}' leaves the initial state '{definition.InitialState}'.");
    }

    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= 64 } && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static Dictionary<string, WorkflowState> ValidateStates(FieldErrors errors, ImmutableArray<WorkflowState> states)
    {
        var byName = new Dictionary<string, WorkflowState>(StringComparer.Ordinal);
        if (states.IsDefaultOrEmpty) errors.Add("states", "required", "A workflow has states.");
        else if (states.Length > MaxStates) errors.Add("states", "too-many", $"A workflow has at most {MaxStates} states.");
        for (var i = 0; i < (states.IsDefault ? 0 : states.Length); i++)
        {
            var state = states[i];
            if (!IsName(state?.Name)) errors.Add($"states[{i}].name", "invalid-format", "A state name is lower-case letters, digits and '-' (at most 64), starting with a letter.");
            else if (!byName.TryAdd(state!.Name, state)) errors.Add($"states[{i}].name", "duplicate", $"State '{state.Name}' is defined twice.");
            errors.Text($"states[{i}].label", state?.Label, 100, required: false);
        }

        return byName;
    }

    private static void ValidateTransitions(FieldErrors errors, WorkflowDefinition definition, Dictionary<string, WorkflowState> states)
    {
        var transitions = definition.Transitions;
        if (transitions.Length > MaxTransitions) errors.Add("transitions", "too-many", $"A workflow has at most {MaxTransitions} transitions.");
        var reserved = new[] { DefaultWorkflowNames.Approve, DefaultWorkflowNames.Reject, definition.Hold?.HoldAction, definition.Hold?.ResumeAction };
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < transitions.Length; i++)
        {
            var t = transitions[i];
            var path = $"transitions[{i}]";
            if (!IsName(t.Action)) errors.Add($"{path}.action", "invalid-format", "An action name is lower-case letters, digits and '-', starting with a letter.");
            else if (reserved.Contains(t.Action)) errors.Add($"{path}.action", "reserved", $"'{t.Action}' is an action of its own (approval or hold).");
            if (t.From.IsDefaultOrEmpty) errors.Add($"{path}.from", "required", "A transition leaves at least one state.");
            for (var j = 0; j < (t.From.IsDefault ? 0 : t.From.Length); j++)
            {
                if (State(errors, states, $"{path}.from[{j}]", t.From[j]) is { IsTerminal: true })
                    errors.Add($"{path}.from[{j}]", "terminal-state", $"'{t.From[j]}' is terminal: nothing leaves it.");
                if (!seen.Add((t.Action, t.From[j])))
                    errors.Add($"{path}.from[{j}]", "duplicate", $"Action '{t.Action}' already leaves '{t.From[j]}'.");
            }

            State(errors, states, $"{path}.to", t.To);
            Roles(errors, $"{path}.roles", t.Roles);
        }
    }

    private static void ValidateApproval(FieldErrors errors, ApprovalPolicy? approval, Dictionary<string, WorkflowState> states)
    {
        if (approval is null)
        {
            errors.Add("approval", "required", "approval is required.");
            return;
        }

        State(errors, states, "approval.triggerState", approval.TriggerState);
        State(errors, states, "approval.pendingState", approval.PendingState);
        State(errors, states, "approval.approvedState", approval.ApprovedState);
        State(errors, states, "approval.rejectedState", approval.RejectedState);
        if (approval.PendingState == approval.ApprovedState || approval.TriggerState == approval.PendingState)
            errors.Add("approval.pendingState", "conflict", "The trigger, pending and approved states are three different states.");

        var levels = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < approval.Levels.Length; i++)
        {
            var level = approval.Levels[i];
            if (!IsName(level.Name)) errors.Add($"approval.levels[{i}].name", "invalid-format", "A level name is lower-case letters, digits and '-'.");
            else if (!levels.Add(level.Name)) errors.Add($"approval.levels[{i}].name", "duplicate", $"Level '{level.Name}' is defined twice.");
            errors.Text($"approval.levels[{i}].role", level.Role, 64);
        }

        if (approval.Rules.Length > MaxRules) errors.Add("approval.rules", "too-many", $"At most {MaxRules} approval rules.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < approval.Rules.Length; i++)
        {
            var rule = approval.Rules[i];
            var path = $"approval.rules[{i}]";
            if (!IsName(rule.Id)) errors.Add($"{path}.id", "invalid-format", "A rule id is lower-case letters, digits and '-'.");
            else if (!ids.Add(rule.Id)) errors.Add($"{path}.id", "duplicate", $"Rule '{rule.Id}' is defined twice.");
            errors.Text($"{path}.description", rule.Description, 500, required: false);
            Condition(errors, $"{path}.when", rule.When, 1);
            if (rule.Levels.IsDefaultOrEmpty) errors.Add($"{path}.levels", "required", "A rule asks for at least one level.");
            for (var j = 0; j < (rule.Levels.IsDefault ? 0 : rule.Levels.Length); j++)
                if (!levels.Contains(rule.Levels[j])) errors.Add($"{path}.levels[{j}]", "unknown-level", $"No approval level '{rule.Levels[j]}'.");
        }
    }

    private static void Condition(FieldErrors errors, string path, ApprovalCondition? condition, int depth)
    {
        if (depth > MaxConditionDepth)
        {
            errors.Add(path, "too-deep", $"Conditions nest at most {MaxConditionDepth} deep.");
            return;
        }

        switch (condition)
        {
            case null:
                errors.Add(path, "required", $"{path} is required.");
                break;
            case TotalAbove c:
                errors.Amount($"{path}.amount", c.Amount);
                if (c.Currency is not null) errors.Currency($"{path}.currency", c.Currency);
                break;
            case ChannelIn c:
                if (c.Channels.IsDefaultOrEmpty) errors.Add($"{path}.channels", "required", "List at least one channel.");
                else if (c.Channels.Any(k => !Enum.IsDefined(k))) errors.Add($"{path}.channels", "unknown-value", "Unknown channel.");
                break;
            case CustomerRiskAtLeast c:
                if (!Enum.IsDefined(c.Level)) errors.Add($"{path}.level", "unknown-value", "Unknown risk level.");
                break;
            case DiscountAbove c:
                if (c.Percent is < 0 or > 100) errors.Add($"{path}.percent", "out-of-range", "percent is between 0 and 100.");
                break;
            case CustomFieldMatches c:
                if (string.IsNullOrWhiteSpace(c.Field)) errors.Add($"{path}.field", "required", "field is required.");
                if (c.Comparison is not (CustomFieldComparison.IsSet or CustomFieldComparison.IsNotSet) && c.Value is not { IsWellFormed: true })
                    errors.Add($"{path}.value", "required", "A comparison needs a well-formed value.");
                break;
            case AllOf c:
                Conditions(errors, path, c.Conditions, depth);
                break;
            case AnyOf c:
                Conditions(errors, path, c.Conditions, depth);
                break;
            case NoneOf c:
                Conditions(errors, path, c.Conditions, depth);
                break;
        }
    }

    private static void Conditions(FieldErrors errors, string path, ImmutableArray<ApprovalCondition> conditions, int depth)
    {
        if (conditions.IsDefaultOrEmpty) errors.Add($"{path}.conditions", "required", "Combine at least one condition.");
        for (var i = 0; i < (conditions.IsDefault ? 0 : conditions.Length); i++) Condition(errors, $"{path}.conditions[{i}]", conditions[i], depth + 1);
    }

    private static void ValidateHold(FieldErrors errors, WorkflowDefinition definition, Dictionary<string, WorkflowState> states)
    {
        var hold = definition.Hold;
        if (hold is null)
        {
            errors.Add("hold", "required", "hold is required.");
            return;
        }

        if (State(errors, states, "hold.state", hold.State) is { IsTerminal: true }) errors.Add("hold.state", "terminal-state", "The hold state cannot be terminal.");
        if (!IsName(hold.HoldAction)) errors.Add("hold.holdAction", "invalid-format", "An action name is lower-case letters, digits and '-'.");
        if (!IsName(hold.ResumeAction) || hold.ResumeAction == hold.HoldAction)
            errors.Add("hold.resumeAction", "invalid-format", "The resume action is a valid name other than the hold action.");
        for (var i = 0; i < hold.From.Length; i++)
        {
            var from = State(errors, states, $"hold.from[{i}]", hold.From[i]);
            if (from is { IsTerminal: true } || hold.From[i] == hold.State)
                errors.Add($"hold.from[{i}]", "not-holdable", $"An order that is {hold.From[i]} cannot be put on hold.");
        }

        Roles(errors, "hold.roles", hold.Roles);
    }

    private static WorkflowState? State(FieldErrors errors, Dictionary<string, WorkflowState> states, string field, string? name)
    {
        if (name is not null && states.TryGetValue(name, out var state)) return state;
        errors.Add(field, "unknown-state", $"{field} names no state of this workflow ('{name}').");
        return null;
    }

    private static void Roles(FieldErrors errors, string field, ImmutableArray<string> roles)
    {
        for (var i = 0; i < (roles.IsDefault ? 0 : roles.Length); i++) errors.Text($"{field}[{i}]", roles[i], 64);
    }
}
