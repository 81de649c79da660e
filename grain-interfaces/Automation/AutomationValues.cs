namespace OrderCluster.GrainInterfaces.Automation;

/// <summary>
/// When a rule runs: at an order event of <see cref="EventType"/> (e.g. <c>order.status-changed</c>), or, with a
/// <see cref="Delay"/>, that long after such an event (conditions are checked when the delay is over).
/// </summary>
public sealed record AutomationTrigger(string EventType, TimeSpan? Delay = null);

public enum ConditionOperator
{
    Equals,
    NotEquals,
    GreaterThan,
    LessThan,

    /// <summary>A list field (tags) holds the value, or a text field contains it.</summary>
    Contains,
}

/// <summary>
/// A condition: a leaf (<see cref="Field"/>, <see cref="Operator"/>, <see cref="Value"/>) or a group (all of
/// <see cref="AllOf"/> and any of <see cref="AnyOf"/>). Fields: <c>order.status</c>, <c>order.priority</c>,
/// <c>order.total</c>, <c>order.channel</c>, <c>order.currency</c>, <c>order.tags</c>, <c>customer.id</c>,
/// <c>customFields.{name}</c>, <c>event.type</c>, <c>event.to</c> (the new status of a status change).
/// </summary>
public sealed record AutomationCondition
{
    public string? Field { get; init; }

    public ConditionOperator Operator { get; init; }

    public string? Value { get; init; }

    public ImmutableArray<AutomationCondition> AllOf { get; init; } = [];

    public ImmutableArray<AutomationCondition> AnyOf { get; init; } = [];

    public static AutomationCondition Is(string field, ConditionOperator op, string value) => new() { Field = field, Operator = op, Value = value };
}

public enum AutomationActionKind
{
    SetPriority,
    AddTag,
    RemoveTag,

    /// <summary>Assigns the order to the user id in <see cref="AutomationAction.Value"/> (the order's assignee).</summary>
    Assign,

    /// <summary>
    /// Starts an approval round on the order (its workflow's first approval level; <see cref="AutomationAction.Value"/> is the reason):
    /// the order waits in the pending-approval state until approved or rejected. Fails, logged, unless the order is before fulfilment.
    /// </summary>
    RequireApproval,

    /// <summary>Performs the named workflow action (<see cref="AutomationAction.Value"/>).</summary>
    Transition,

    /// <summary>Sends the notification templates of the event type named in <see cref="AutomationAction.Value"/>.</summary>
    Notify,

    /// <summary>
    /// Calls the tenant's webhooks: raises an <c>automation.webhook</c> order event (topic <see cref="AutomationAction.Value"/>) that the
    /// webhook subscriptions of that type (or <c>*</c>) receive, signed and retried like every webhook.
    /// </summary>
    Webhook,
}

/// <summary>One step of a rule's sequence; <see cref="Delay"/> waits (on a durable timer) before it.</summary>
public sealed record AutomationAction(AutomationActionKind Kind, string Value, TimeSpan Delay = default);

/// <summary>
/// A tenant's automation rule. <see cref="DryRun"/> logs what it would do and does nothing. A rule never triggers on
/// events its own actions caused, and runs at most <see cref="MaxRunsPerOrder"/> times per order (loop protection).
/// </summary>
public sealed record AutomationRule
{
    public required string RuleId { get; init; }

    public required string Name { get; init; }

    public bool Enabled { get; init; } = true;

    public bool DryRun { get; init; }

    public required AutomationTrigger Trigger { get; init; }

    public AutomationCondition? Condition { get; init; }

    public ImmutableArray<AutomationAction> Steps { get; init; } = [];

    public int MaxRunsPerOrder { get; init; } = 3;
}

public sealed record AutomationRules
{
    public int Version { get; init; }

    public ImmutableArray<AutomationRule> Rules { get; init; } = [];

    public Actor? PublishedBy { get; init; }
}

/// <summary>Publishes a new version; with <see cref="ExpectedVersion"/>, only if the current version is still that one (else a version conflict).</summary>
public sealed record PublishAutomationRules(Actor Actor, ImmutableArray<AutomationRule> Rules, int? ExpectedVersion = null);

/// <summary>Outcomes in the execution log and the per-rule counts.</summary>
public static class AutomationOutcomes
{
    public const string Executed = "executed";
    public const string DryRun = "dry-run";
    public const string Scheduled = "scheduled";
    public const string ConditionFalse = "condition-false";
    public const string SkippedLoop = "skipped-loop";
    public const string Failed = "failed";
}

/// <summary>One line of an order's automation log.</summary>
public sealed record AutomationLogEntry(long Sequence, DateTimeOffset At, string RuleId, long EventSequence, int Step, string Outcome, string Detail);

/// <summary>One counted outcome of a rule.</summary>
public sealed record AutomationOutcome(string RuleId, string Outcome);

/// <summary>Counts per rule and outcome across the tenant's orders.</summary>
public sealed record AutomationRuleStats(string RuleId, ImmutableSortedDictionary<string, long> Outcomes);

/// <summary>A tenant's automation rules, keyed <c>{tenant}</c>, versioned (none by default).</summary>
public interface IAutomationRulesGrain : IGrainWithStringKey
{
    Task<AutomationRules> PublishAsync(PublishAutomationRules command);

    [ReadOnly]
    Task<AutomationRules> GetCurrentAsync();
}

/// <summary>Execution counts per rule of a tenant, keyed <c>{tenant}</c>.</summary>
public interface IAutomationStatsGrain : IGrainWithStringKey
{
    Task RecordAsync(ImmutableArray<AutomationOutcome> outcomes);

    [ReadOnly]
    Task<ImmutableArray<AutomationRuleStats>> GetAsync();
}

/// <summary>
/// The automation of one order, keyed <c>{tenant}/{orderId}</c>. The order nudges it after a commit (an interleaving
/// call that only sets a durable timer); the tick reads the new events from the order, evaluates the rules, runs their
/// steps (later steps on durable timers) and logs every decision.
/// </summary>
public interface IOrderAutomationGrain : IGrainWithStringKey, IRemindable
{
    [AlwaysInterleave]
    Task NudgeAsync(long lastEventSequence);

    [ReadOnly]
    Task<ImmutableArray<AutomationLogEntry>> GetLogAsync();
}
