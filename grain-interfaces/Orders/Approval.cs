using System.Text.Json.Serialization;

namespace OrderCluster.GrainInterfaces.Orders;

public enum ApprovalStatus
{
    /// <summary>No rule asked for approval when it was last evaluated.</summary>
    NotRequired,

    /// <summary>Waiting for one or more levels.</summary>
    Pending,

    /// <summary>Every level approved.</summary>
    Approved,

    /// <summary>An approver rejected the order.</summary>
    Rejected,
}

public enum ApprovalStepStatus
{
    Waiting,
    Approved,
    Rejected,
}

/// <summary>One level of a multi-level approval (e.g. manager, then finance): approved by someone with <see cref="Role"/>.</summary>
public sealed record ApprovalStep
{
    public required string Level { get; init; }

    public required string Role { get; init; }

    public ApprovalStepStatus Status { get; init; }

    public Actor? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? Comment { get; init; }
}

/// <summary>
/// The approval of the order's current content. <see cref="Round"/> counts evaluations that asked for approval:
/// an edit after approval was requested starts a new round on the new content.
/// </summary>
public sealed record ApprovalProcess
{
    public int Round { get; init; }

    public ApprovalStatus Status { get; init; }

    /// <summary>Ids of the workflow's approval rules that matched, with why (e.g. "large-order: total 12000.00 EUR above 10000").</summary>
    public ImmutableArray<string> MatchedRules { get; init; } = [];

    public ImmutableArray<string> Reasons { get; init; } = [];

    /// <summary>The levels in the order they approve.</summary>
    public ImmutableArray<ApprovalStep> Steps { get; init; } = [];

    public DateTimeOffset EvaluatedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public string? RejectionReason { get; init; }

    /// <summary>The first level still waiting, if any.</summary>
    [JsonIgnore]
    public ApprovalStep? CurrentStep => Steps.FirstOrDefault(s => s.Status == ApprovalStepStatus.Waiting);
}
