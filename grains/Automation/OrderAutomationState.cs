using OrderCluster.GrainInterfaces.Automation;

namespace OrderCluster.Grains.Automation;

/// <summary>A run of a rule waiting for its timer: a delayed trigger (condition still to check) or a delayed step.</summary>
public sealed record PendingRun(string RunId, string RuleId, long EventSequence, int NextStep, DateTimeOffset DueAt, bool ConditionPending);

/// <summary>
/// The persisted automation of one order: the last order event handled (<see cref="Cursor"/>), runs waiting on timers,
/// runs per rule (loop protection) and the newest log entries.
/// </summary>
public sealed record OrderAutomationState
{
    public int SchemaVersion { get; init; } = 1;

    public long Cursor { get; init; }

    public ImmutableList<PendingRun> Runs { get; init; } = [];

    public ImmutableSortedDictionary<string, int> RunCounts { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public ImmutableList<AutomationLogEntry> Log { get; init; } = [];

    public long LogIssued { get; init; }

    public int RunsIssued { get; init; }
}
