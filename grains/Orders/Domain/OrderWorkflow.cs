using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Fulfilment;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// The order's workflow: named actions move it between the states of its workflow definition version; approval
/// is evaluated when it enters the approval trigger state; hold and resume return it to where it was. Every status
/// change goes through <see cref="EnterState"/>, which raises the event and moves SLA deadlines.
/// </summary>
internal static class OrderWorkflow
{
    public const string AutoApproveTransition = "auto-approve";
    public const string RequestApprovalTransition = "request-approval";

    /// <summary>One action the current status allows.</summary>
    public sealed record AllowedAction(string Action, string? Target, ImmutableArray<string> Roles);

    public static IReadOnlyList<AllowedAction> AllowedActions(WorkflowDefinition workflow, OrderState order)
    {
        var actions = new List<AllowedAction>();
        if (IsPendingApproval(workflow, order) && order.Approval?.CurrentStep is { } step)
        {
            actions.Add(new AllowedAction(DefaultWorkflowNames.Approve, null, [step.Role]));
            actions.Add(new AllowedAction(DefaultWorkflowNames.Reject, workflow.Approval.RejectedState, [step.Role]));
        }

        foreach (var transition in workflow.Transitions.Where(t => t.From.Contains(order.Status)))
            actions.Add(new AllowedAction(transition.Action, transition.To, transition.Roles));
        if (workflow.Hold.From.Contains(order.Status))
            actions.Add(new AllowedAction(workflow.Hold.HoldAction, workflow.Hold.State, workflow.Hold.Roles));
        if (order.Status == workflow.Hold.State && order.HeldFrom is not null)
            actions.Add(new AllowedAction(workflow.Hold.ResumeAction, order.HeldFrom, workflow.Hold.Roles));
        return actions;
    }

    public static bool MayPerform(Actor actor, ImmutableArray<string> roles) => roles.IsDefaultOrEmpty || roles.Any(actor.HasRole);

    /// <summary>Performs the named action (approve and reject route to their own methods).</summary>
    public static void Perform(OrderChange change, string action, string? reason)
    {
        var workflow = change.Context.Workflow;
        var order = change.State;
        if (action == DefaultWorkflowNames.Approve)
        {
            Approve(change, null, reason);
            return;
        }

        if (action == DefaultWorkflowNames.Reject)
        {
            Reject(change, reason ?? "");
            return;
        }

        if (action == workflow.Hold.ResumeAction && order.Status == workflow.Hold.State && order.HeldFrom is { } heldFrom)
        {
            RequireRole(change, action, workflow.Hold.Roles);
            EnterState(change, heldFrom, action, reason);
            return;
        }

        if (action == workflow.Hold.HoldAction && workflow.Hold.From.Contains(order.Status))
        {
            RequireRole(change, action, workflow.Hold.Roles);
            change.Update(s => s with { HeldFrom = s.Status });
            EnterState(change, workflow.Hold.State, action, reason);
            return;
        }

        var transition = workflow.Transitions.FirstOrDefault(t => t.Action == action && t.From.Contains(order.Status))
                         ?? throw NotAllowed(change, $"'{action}' is not allowed while the order is {order.Status}");
        RequireRole(change, action, transition.Roles);
        if (transition.RequiresReason && string.IsNullOrWhiteSpace(reason))
            throw ValidationFailedException.For("reason", "required", $"'{action}' needs a reason.");
        EnterState(change, transition.To, action, reason);
    }

    public static void Approve(OrderChange change, string? level, string? comment)
    {
        var step = RequirePendingStep(change, DefaultWorkflowNames.Approve);
        var approval = change.State.Approval!;
        if (level is not null && level != step.Level)
            throw new OrderRuleViolationException(ErrorCodes.ApprovalLevelNotCurrent,
                $"The order waits for the '{step.Level}' approval, not '{level}'.", change.Before.Version);
        RequireRole(change, DefaultWorkflowNames.Approve, [step.Role], $"the '{step.Level}' approval needs the role '{step.Role}'");
        if (approval.Steps.Any(s => s.DecidedBy is { } d && d.IsSameUserAs(change.Actor)))
            throw new OrderRuleViolationException(ErrorCodes.ApproverAlreadyApproved,
                $"{change.Actor.UserId} already approved a level of this order; each level needs another approver.", change.Before.Version);

        var steps = approval.Steps.Select(s => ReferenceEquals(s, step)
            ? s with { Status = ApprovalStepStatus.Approved, DecidedBy = change.Actor, DecidedAt = change.Now, Comment = comment }
            : s).ToImmutableArray();
        var remaining = steps.Where(s => s.Status == ApprovalStepStatus.Waiting).Select(s => s.Level).ToImmutableArray();
        var done = remaining.IsEmpty;
        change.Update(s => s with
        {
            Approval = approval with
            {
                Steps = steps,
                Status = done ? ApprovalStatus.Approved : ApprovalStatus.Pending,
                DecidedAt = done ? change.Now : null,
            },
        });
        change.Raise(new ApprovalGranted { Round = approval.Round, Level = step.Level, Comment = comment, RemainingLevels = remaining });
        if (done) EnterState(change, change.Context.Workflow.Approval.ApprovedState, DefaultWorkflowNames.Approve, comment);
    }

    public static void Reject(OrderChange change, string reason)
    {
        var step = RequirePendingStep(change, DefaultWorkflowNames.Reject);
        if (string.IsNullOrWhiteSpace(reason)) throw ValidationFailedException.For("reason", "required", "A rejection needs a reason.");
        if (reason.Length > OrderInput.MaxReasonLength)
            throw ValidationFailedException.For("reason", "too-long", $"reason has at most {OrderInput.MaxReasonLength} characters.");
        RequireRole(change, DefaultWorkflowNames.Reject, [step.Role], $"the '{step.Level}' approval needs the role '{step.Role}'");

        var approval = change.State.Approval!;
        var steps = approval.Steps.Select(s => ReferenceEquals(s, step)
            ? s with { Status = ApprovalStepStatus.Rejected, DecidedBy = change.Actor, DecidedAt = change.Now, Comment = reason }
            : s).ToImmutableArray();
        change.Update(s => s with
        {
            Approval = approval with { Steps = steps, Status = ApprovalStatus.Rejected, DecidedAt = change.Now, RejectionReason = reason },
        });
        change.Raise(new ApprovalRejected { Round = approval.Round, Level = step.Level, Reason = reason });
        EnterState(change, change.Context.Workflow.Approval.RejectedState, DefaultWorkflowNames.Reject, reason);
    }

    /// <summary>
    /// Moves the order to <paramref name="to"/>: raises the status event, ends and starts SLA deadlines, and when
    /// <paramref name="to"/> is the approval trigger state, evaluates approval (which moves it on again).
    /// </summary>
    public static void EnterState(OrderChange change, string to, string transition, string? reason)
    {
        var from = change.State.Status.Length > 0 ? change.State.Status : null;
        // Leaving the hold state by any action (resume, cancel) ends the hold.
        var holdState = change.Context.Workflow.Hold.State;
        change.Update(s => s with { Status = to, HeldFrom = to == holdState ? s.HeldFrom : null });
        change.Raise(new OrderStatusChanged
        {
            From = from, To = to, Transition = transition, Reason = reason, OnHold = to == holdState,
            Meaning = WorkflowStages.MeaningOf(change.Context.Workflow, to, transition),
        });
        OrderSla.OnStateEntered(change, to);
        if (to == change.Context.Workflow.Approval.TriggerState) EvaluateApproval(change);
    }

    /// <summary>
    /// Evaluates the approval rules on the order's current content. Called on entering the trigger state, and after
    /// a content edit while approval is pending or granted: approval always reflects the content as it is.
    /// </summary>
    public static void EvaluateApproval(OrderChange change)
    {
        var policy = change.Context.Workflow.Approval;
        var decision = ApprovalEvaluator.Evaluate(policy, FactsOf(change));
        var previous = change.State.Approval;
        if (!decision.Required)
        {
            change.Update(s => s with
            {
                Approval = new ApprovalProcess
                {
                    Round = previous?.Round ?? 0, Status = ApprovalStatus.NotRequired, EvaluatedAt = change.Now,
                },
            });
            if (change.State.Status != policy.ApprovedState) EnterState(change, policy.ApprovedState, AutoApproveTransition, "no approval rule matched");
            return;
        }

        var round = (previous?.Round ?? 0) + 1;
        change.Update(s => s with
        {
            Approval = new ApprovalProcess
            {
                Round = round,
                Status = ApprovalStatus.Pending,
                MatchedRules = decision.Rules,
                Reasons = decision.Reasons,
                Steps = [.. decision.Levels.Select(l => new ApprovalStep { Level = l.Name, Role = l.Role, Status = ApprovalStepStatus.Waiting })],
                EvaluatedAt = change.Now,
            },
        });
        if (change.State.Status != policy.PendingState)
            EnterState(change, policy.PendingState, RequestApprovalTransition, string.Join("; ", decision.Reasons));
        change.Raise(new ApprovalRequested
        {
            Round = round,
            Levels = [.. decision.Levels.Select(l => l.Name)],
            Rules = decision.Rules,
            Reasons = decision.Reasons,
        });
    }

    /// <summary>After a content edit: re-evaluate approval if it was requested or granted for the old content.</summary>
    public static void OnContentEdited(OrderChange change)
    {
        if (EditEvaluatesApproval(change.Context.Workflow, change.State)) EvaluateApproval(change);
    }

    /// <summary>Whether the workflow action evaluates approval rules: a transition, or a resume, into the trigger state.</summary>
    public static bool ActionEvaluatesApproval(WorkflowDefinition workflow, OrderState order, string? action)
    {
        var trigger = workflow.Approval.TriggerState;
        if (action == workflow.Hold.ResumeAction && order.Status == workflow.Hold.State) return order.HeldFrom == trigger;
        return action == workflow.PlaceAction || workflow.Transitions.Any(t => t.Action == action && t.From.Contains(order.Status) && t.To == trigger);
    }

    /// <summary>Whether a content edit now re-evaluates approval (see <see cref="OnContentEdited"/>).</summary>
    public static bool EditEvaluatesApproval(WorkflowDefinition workflow, OrderState order) =>
        order.Status == workflow.Approval.PendingState || order.Status == workflow.Approval.ApprovedState;

    /// <summary>Refuses content edits outside the workflow's editable states.</summary>
    public static void RequireEditable(OrderChange change, string what)
    {
        var workflow = change.Context.Workflow;
        if (!workflow.EditableStates.Contains(change.State.Status))
            throw new OrderRuleViolationException(ErrorCodes.OrderNotEditable,
                $"The {what} of an order that is {change.State.Status} cannot change; editable while {string.Join(", ", workflow.EditableStates)}.",
                change.Before.Version, AllowedActions(workflow, change.State).Select(a => a.Action));
    }

    public static bool IsTerminal(WorkflowDefinition workflow, string state) =>
        workflow.States.FirstOrDefault(s => s.Name == state) is { IsTerminal: true };

    public static bool IsCancellation(WorkflowDefinition workflow, string state) =>
        workflow.States.FirstOrDefault(s => s.Name == state) is { IsCancellation: true };

    public static ApprovalFacts FactsOf(OrderChange change) => FactsOf(change.State, change.Context);

    public static ApprovalFacts FactsOf(OrderState order, OrderContext context)
    {
        var totals = OrderTotalsCalculator.For(order.Currency, order.Lines, order.Shipping?.Price ?? 0);
        // Never evaluate with a default profile: that would approve a high-risk customer's order silently.
        var customer = context.Customer ?? throw new InvalidOperationException(
            $"Approval of order {order.OrderId} was evaluated without the customer's profile; the command did not expect to evaluate approval.");
        return new ApprovalFacts(totals.Total, totals.DiscountPercent, order.Channel!, customer, order.CustomFields);
    }

    private static bool IsPendingApproval(WorkflowDefinition workflow, OrderState order) =>
        order.Status == workflow.Approval.PendingState && order.Approval is { Status: ApprovalStatus.Pending };

    private static ApprovalStep RequirePendingStep(OrderChange change, string action)
    {
        if (!IsPendingApproval(change.Context.Workflow, change.State) || change.State.Approval!.CurrentStep is not { } step)
            throw NotAllowed(change, $"'{action}' needs an order pending approval, and this one is {change.State.Status}", ErrorCodes.ApprovalNotPending);
        return step;
    }

    private static void RequireRole(OrderChange change, string action, ImmutableArray<string> roles, string? why = null)
    {
        if (MayPerform(change.Actor, roles)) return;
        throw new ActionForbiddenException(ErrorCodes.ActionForbidden,
            $"{change.Actor.UserId} may not {action} this order: {why ?? $"it needs one of the roles {string.Join(", ", roles)}"}.",
            change.Before.Version);
    }

    private static OrderRuleViolationException NotAllowed(OrderChange change, string what, string code = ErrorCodes.TransitionNotAllowed)
    {
        var allowed = AllowedActions(change.Context.Workflow, change.State).Select(a => a.Action).ToList();
        var list = allowed.Count == 0 ? "none (the order is in a final state)" : string.Join(", ", allowed);
        return new OrderRuleViolationException(code, $"{what}. Allowed now: {list}.", change.Before.Version, allowed);
    }
}
