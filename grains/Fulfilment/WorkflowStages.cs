using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Fulfilment;

/// <summary>
/// Fulfilment reads an order's statuses through its workflow definition rather than by the default workflow's names:
/// which status each fulfilment stage is (a state's <see cref="WorkflowState.Stage"/>), when stock may be allocated
/// (the approval policy's approved state, or a stage before shipping), and when shipments must stand still (the hold
/// state, a terminal or cancelled state).
/// </summary>
internal static class WorkflowStages
{
    private static readonly (FulfilmentStage Stage, string DefaultName)[] Defaults =
    [
        (FulfilmentStage.Allocated, DefaultWorkflowNames.Allocated), (FulfilmentStage.Picking, DefaultWorkflowNames.Picking),
        (FulfilmentStage.Packed, DefaultWorkflowNames.Packed), (FulfilmentStage.Shipped, DefaultWorkflowNames.Shipped),
        (FulfilmentStage.Delivered, DefaultWorkflowNames.Delivered),
    ];

    /// <summary>The status of <paramref name="stage"/>, or of the nearest earlier stage the workflow has; null when it has none.</summary>
    public static string? StatusOf(WorkflowDefinition workflow, FulfilmentStage stage)
    {
        for (var s = (int)stage; s >= 0; s--)
            if (Named(workflow, (FulfilmentStage)s) is { } name) return name;
        return null;
    }

    /// <summary>Approved, or allocated but not yet shipping (re-allocating backorders).</summary>
    public static bool AllowsAllocation(WorkflowDefinition workflow, string status) =>
        status == workflow.Approval.ApprovedState
        || new[] { FulfilmentStage.Allocated, FulfilmentStage.Picking, FulfilmentStage.Packed }.Any(s => Named(workflow, s) == status);

    /// <summary>On hold, final or cancelled: its shipments cannot move.</summary>
    public static bool IsStopped(WorkflowDefinition workflow, string status) =>
        status == workflow.Hold.State || workflow.States.FirstOrDefault(s => s.Name == status) is { IsTerminal: true } or { IsCancellation: true };

    /// <summary>The stage <paramref name="status"/> is in <paramref name="workflow"/>; null when it is none.</summary>
    public static FulfilmentStage? StageOf(WorkflowDefinition workflow, string status) =>
        Defaults.Select(d => d.Stage).Where(s => Named(workflow, s) == status).Select(s => (FulfilmentStage?)s).FirstOrDefault();

    /// <summary>What entering <paramref name="status"/> by <paramref name="transition"/> means, for readers that do not know the workflow.</summary>
    public static OrderStatusMeaning MeaningOf(WorkflowDefinition workflow, string status, string transition)
    {
        var state = workflow.States.FirstOrDefault(s => s.Name == status);
        return new OrderStatusMeaning
        {
            Placed = transition == workflow.PlaceAction, Stage = StageOf(workflow, status),
            Cancelled = state?.IsCancellation ?? false, Terminal = state?.IsTerminal ?? false,
        };
    }

    private static string? Named(WorkflowDefinition workflow, FulfilmentStage stage)
    {
        if (workflow.States.Any(s => s.Stage is not null)) return workflow.States.FirstOrDefault(s => s.Stage == stage)?.Name;
        var name = Defaults.First(d => d.Stage == stage).DefaultName;
        return workflow.States.Any(s => s.Name == name) ? name : null;
    }
}
