using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// Approval asked for by someone (an automation rule) rather than by the workflow's rules: a new round with one level
/// moves the order to the pending state; approving it moves the order to the approved state, rejecting it to the rejected
/// state, as for a round the rules started. Only before fulfilment: in the trigger state or the approved state.
/// </summary>
internal static class OrderApprovalRequirement
{
    public const string Action = "require-approval";

    public static void Require(OrderChange change, string? level, string? reason)
    {
        var errors = new FieldErrors();
        errors.Text("reason", reason, OrderInput.MaxReasonLength);
        errors.ThrowIfAny();
        var policy = change.Context.Workflow.Approval;
        var status = change.State.Status;
        if (status == policy.PendingState && change.State.Approval is { Status: ApprovalStatus.Pending })
            throw Refuse(change, $"The order is already pending approval ({string.Join(", ", change.State.Approval.Steps.Where(s => s.Status == ApprovalStepStatus.Waiting).Select(s => s.Level))}).");
        if (status != policy.TriggerState && status != policy.ApprovedState)
            throw Refuse(change, $"Approval can be required while the order is {policy.TriggerState} or {policy.ApprovedState}, not {status}.");
        var chosen = level is null ? policy.Levels.FirstOrDefault() : policy.Levels.FirstOrDefault(l => l.Name == level);
        if (chosen is null && level is not null)
            throw ValidationFailedException.For("level", "unknown", $"'{level}' is not an approval level of the workflow ({string.Join(", ", policy.Levels.Select(l => l.Name))}).");
        if (chosen is null) throw Refuse(change, $"Workflow {change.Context.Workflow.Name} v{change.Context.Workflow.Version} defines no approval levels.");

        var round = (change.State.Approval?.Round ?? 0) + 1;
        var why = reason!.Trim();
        change.Update(s => s with
        {
            Approval = new ApprovalProcess
            {
                Round = round,
                Status = ApprovalStatus.Pending,
                MatchedRules = [Action],
                Reasons = [why],
                Steps = [new ApprovalStep { Level = chosen.Name, Role = chosen.Role, Status = ApprovalStepStatus.Waiting }],
                EvaluatedAt = change.Now,
            },
        });
        OrderWorkflow.EnterState(change, policy.PendingState, Action, why);
        change.Raise(new ApprovalRequested { Round = round, Levels = [chosen.Name], Rules = [Action], Reasons = [why] });
    }

    private static OrderRuleViolationException Refuse(OrderChange change, string reason) =>
        new(ErrorCodes.TransitionNotAllowed, reason, change.Before.Version,
            OrderWorkflow.AllowedActions(change.Context.Workflow, change.State).Select(a => a.Action));
}
