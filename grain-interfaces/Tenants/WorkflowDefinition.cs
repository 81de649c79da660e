namespace OrderCluster.GrainInterfaces.Tenants;

/// <summary>A workflow state. An order in a terminal state takes no further transitions.</summary>
public sealed record WorkflowState
{
    public required string Name { get; init; }

    public string? Label { get; init; }

    public bool IsTerminal { get; init; }

    /// <summary>Orders here are cancelled: their SLA deadlines end as cancelled and their value leaves the customer's lifetime value.</summary>
    public bool IsCancellation { get; init; }

    /// <summary>
    /// The fulfilment stage this status stands for: allocation and shipments move the order to it. When no state of a workflow
    /// names a stage, the statuses named like the default workflow's (allocated, picking, packed, shipped, delivered) are used.
    /// </summary>
    public FulfilmentStage? Stage { get; init; }
}

/// <summary>How far an order's fulfilment is, from the least advanced unit: what a workflow status can stand for.</summary>
public enum FulfilmentStage
{
    Allocated,
    Picking,
    Packed,
    Shipped,
    Delivered,
}

/// <summary>
/// A named action that moves an order from any of <see cref="From"/> to <see cref="To"/>, performed by an actor
/// holding one of <see cref="Roles"/> (anyone when empty).
/// </summary>
public sealed record WorkflowTransition
{
    public required string Action { get; init; }

    public ImmutableArray<string> From { get; init; } = [];

    public required string To { get; init; }

    public ImmutableArray<string> Roles { get; init; } = [];

    public bool RequiresReason { get; init; }
}

/// <summary>One approval level, approved by an actor holding <see cref="Role"/>.</summary>
public sealed record ApprovalLevel
{
    public required string Name { get; init; }

    public required string Role { get; init; }
}

/// <summary>When <see cref="When"/> holds, the order needs approval by <see cref="Levels"/> (names of <see cref="ApprovalPolicy.Levels"/>).</summary>
public sealed record ApprovalRule
{
    public required string Id { get; init; }

    public string? Description { get; init; }

    public required ApprovalCondition When { get; init; }

    public ImmutableArray<string> Levels { get; init; } = [];
}

/// <summary>
/// Approval: when an order enters <see cref="TriggerState"/>, the rules are evaluated. If any match, the order
/// moves to <see cref="PendingState"/> and needs the union of their levels, in the order of <see cref="Levels"/>
/// (e.g. manager, then finance); each level by its role, each approver once. When all levels approve it moves to
/// <see cref="ApprovedState"/>; when none match it moves there at once. A rejection moves it to
/// <see cref="RejectedState"/>.
/// </summary>
public sealed record ApprovalPolicy
{
    public required string TriggerState { get; init; }

    public required string PendingState { get; init; }

    public required string ApprovedState { get; init; }

    public required string RejectedState { get; init; }

    public ImmutableArray<ApprovalLevel> Levels { get; init; } = [];

    public ImmutableArray<ApprovalRule> Rules { get; init; } = [];
}

/// <summary>Holding: <see cref="HoldAction"/> moves an order from any of <see cref="From"/> to <see cref="State"/>; <see cref="ResumeAction"/> returns it to where it was.</summary>
public sealed record HoldPolicy
{
    public string State { get; init; } = "on-hold";

    public string HoldAction { get; init; } = "hold";

    public string ResumeAction { get; init; } = "resume";

    public ImmutableArray<string> From { get; init; } = [];

    public ImmutableArray<string> Roles { get; init; } = [];
}

/// <summary>
/// A tenant's order workflow. Publishing creates a new <see cref="Version"/>; an order keeps the version it
/// started with. Lines, addresses and shipping can be edited in <see cref="EditableStates"/>.
/// </summary>
public sealed record WorkflowDefinition
{
    public string Name { get; init; } = "default";

    /// <summary>Set when published (1 is the built-in default).</summary>
    public int Version { get; init; }

    public required string InitialState { get; init; }

    /// <summary>The action that places a new order (<see cref="Orders.CreateOrder.Place"/>).</summary>
    public string PlaceAction { get; init; } = "place";

    public ImmutableArray<WorkflowState> States { get; init; } = [];

    public ImmutableArray<WorkflowTransition> Transitions { get; init; } = [];

    public required ApprovalPolicy Approval { get; init; }

    public required HoldPolicy Hold { get; init; }

    public ImmutableArray<string> EditableStates { get; init; } = [];

    public Actor? PublishedBy { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }
}

/// <summary>Names used by the built-in default workflow (tenants may define others).</summary>
public static class DefaultWorkflowNames
{
    public const string Draft = "draft";
    public const string Placed = "placed";
    public const string PendingApproval = "pending-approval";
    public const string Approved = "approved";
    public const string Allocated = "allocated";
    public const string Picking = "picking";
    public const string Packed = "packed";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Closed = "closed";
    public const string OnHold = "on-hold";
    public const string Cancelled = "cancelled";

    public const string Place = "place";
    public const string Allocate = "allocate";
    public const string StartPicking = "start-picking";
    public const string Pack = "pack";
    public const string Ship = "ship";
    public const string Deliver = "deliver";
    public const string Close = "close";
    public const string Cancel = "cancel";
    public const string Hold = "hold";
    public const string Resume = "resume";

    /// <summary>Approving and rejecting are actions of their own in every workflow.</summary>
    public const string Approve = "approve";
    public const string Reject = "reject";
}

/// <summary>Roles the default workflow and SLA policy name.</summary>
public static class OrderRoles
{
    public const string Admin = "admin";
    public const string OrderManager = "order-manager";
    public const string Finance = "finance";
    public const string Warehouse = "warehouse";
    public const string Sales = "sales";
}

public sealed record PublishWorkflow
{
    public required Actor Actor { get; init; }

    /// <summary>The version the publisher based the new one on; refused when another was published since.</summary>
    public int? ExpectedVersion { get; init; }

    public required WorkflowDefinition Definition { get; init; }
}

/// <summary>
/// A tenant's workflow definitions, keyed <c>{tenant}</c>: every published version is kept, so orders can keep
/// theirs. Version 1 is the built-in default until the tenant publishes its own.
/// </summary>
public interface IWorkflowDefinitionsGrain : IGrainWithStringKey
{
    /// <summary>Validates (errors name fields like <c>transitions[3].to</c>) and publishes a new version.</summary>
    Task<WorkflowDefinition> PublishAsync(PublishWorkflow command);

    [ReadOnly]
    Task<WorkflowDefinition> GetCurrentAsync();

    [ReadOnly]
    Task<WorkflowDefinition> GetVersionAsync(int version);
}
