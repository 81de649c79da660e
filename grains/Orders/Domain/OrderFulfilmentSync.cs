using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// The order follows its fulfilment: it records the fulfilment grain's summary, fixes the unit cost of lines whose
/// every unit is allocated, and walks its workflow forward to the status the shipments imply (allocated, picking,
/// packed, shipped, delivered), one transition at a time so that every step raises its event and moves SLA
/// deadlines. A status the workflow cannot reach forward from here (on hold, cancelled) is left alone.
/// </summary>
internal static class OrderFulfilmentSync
{
    public const string Action = "fulfilment";

    public static void Apply(OrderChange change, ApplyFulfilment command)
    {
        var current = change.State.Fulfilment;
        if (current is not null && command.FulfilmentVersion <= current.FulfilmentVersion) return; // a resend of an older report

        var lines = change.State.Lines.Select(l => command.LineUnitCosts.TryGetValue(l.LineId, out var cost) ? l with { UnitCost = cost } : l).ToImmutableArray();
        change.Update(s => s with
        {
            Lines = lines.SequenceEqual(s.Lines) ? s.Lines : lines,
            Fulfilment = new OrderFulfilmentSummary
            {
                Status = command.Status, FulfilmentVersion = command.FulfilmentVersion, Shipments = command.Shipments,
                ReleaseRequested = current?.ReleaseRequested ?? false,
            },
        });
        change.Raise(new FulfilmentChanged { Status = command.Status, Shipments = command.Shipments, LineUnitCosts = command.LineUnitCosts });
        var target = command.TargetStage is { } stage ? Fulfilment.WorkflowStages.StatusOf(change.Context.Workflow, stage) : command.TargetStatus;
        if (target is not null && target != change.State.Status && PathTo(change.Context.Workflow, change.State.Status, target) is { } path)
            foreach (var (action, to) in path) OrderWorkflow.EnterState(change, to, action, "fulfilment");
    }

    /// <summary>Whether the order was cancelled with stock possibly still reserved for it.</summary>
    public static bool NeedsRelease(OrderState order, WorkflowDefinition? workflow) =>
        order.Fulfilment is { ReleaseRequested: false } && workflow is not null && OrderWorkflow.IsCancellation(workflow, order.Status);

    /// <summary>The shortest chain of forward transitions from <paramref name="from"/> to <paramref name="to"/>, never through a terminal state.</summary>
    private static List<(string Action, string To)>? PathTo(WorkflowDefinition workflow, string from, string to)
    {
        var previous = new Dictionary<string, (string From, string Action)> { [from] = ("", "") };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            if (state == to) break;
            if (state != from && OrderWorkflow.IsTerminal(workflow, state)) continue;
            foreach (var t in workflow.Transitions.Where(t => t.From.Contains(state) && !previous.ContainsKey(t.To) && !OrderWorkflow.IsCancellation(workflow, t.To)))
            {
                previous[t.To] = (state, t.Action);
                queue.Enqueue(t.To);
            }
        }

        if (!previous.ContainsKey(to)) return null;
        var path = new List<(string, string)>();
        for (var s = to; s != from; s = previous[s].From) path.Add((previous[s].Action, s));
        path.Reverse();
        return path;
    }
}
