using OrderCluster.GrainInterfaces.Archiving;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>
/// Archiving: entering a status a tenant rule names registers the durable timer <c>archive</c> at the status time plus
/// the rule's period (before the change commits, like SLA timers). The tick checks again (rule, status and time as they
/// are now) and archives: the order refuses commands until restored and leaves memory. <c>ArchiveAsync</c> archives an
/// order in a terminal state by hand the same way, through the command pipeline. The archive search finds it in
/// the order search read model, whose projection takes the archive time from the snapshot (no per-tenant index to
/// rewrite). A tick that finds nothing due changes nothing.
/// </summary>
internal sealed partial class OrderGrain
{
    public const string ArchiveTimer = "archive";
    public const string ArchiveAction = "archive";
    public const string RestoreAction = "restore";

    public Task<OrderCommandResult> RestoreAsync(RestoreOrder command) =>
        ExecuteAsync(command, Json.RestoreOrder, RestoreAction, Needs.None, change =>
        {
            if (change.State.ArchivedAt is null)
                throw new OrderRuleViolationException(FulfilmentErrorCodes.OrderNotArchived, $"Order {change.State.OrderId} is not archived.", change.Before.Version);
            if (string.IsNullOrWhiteSpace(command.Reason)) throw ValidationFailedException.For("reason", "required", "A restore needs a reason.");
            change.Update(s => s with { ArchivedAt = null });
            change.Raise(new OrderRestored { Reason = command.Reason.Trim() });
            return null;
        });

    /// <summary>
    /// Archives the order now, by hand: only in a terminal state of its workflow. The event names the actor and the
    /// reason; the rule's pending timer goes (a failed removal is harmless: the tick finds the order archived) and the
    /// order leaves memory, as after the timer's archive. A repeated idempotency key replays the first result.
    /// </summary>
    public async Task<OrderCommandResult> ArchiveAsync(ArchiveOrder command)
    {
        var result = await ExecuteAsync(command, Json.ArchiveOrder, ArchiveAction, Needs.None, change =>
        {
            var order = change.State;
            if (order.ArchivedAt is { } archivedAt)
                throw new OrderRuleViolationException(FulfilmentErrorCodes.OrderArchived,
                    $"Order {order.OrderId} is already archived (since {archivedAt:O}).", change.Before.Version, [RestoreAction]);
            if (!OrderWorkflow.IsTerminal(change.Context.Workflow, order.Status))
                throw new OrderRuleViolationException(FulfilmentErrorCodes.OrderNotArchivable,
                    $"Order {order.OrderId} is {order.Status}; only an order in a final state ({string.Join(", ", change.Context.Workflow.States.Where(s => s.IsTerminal).Select(s => s.Name))}) can be archived.",
                    change.Before.Version);
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            change.Update(s => s with { ArchivedAt = change.Now });
            change.Raise(new OrderArchived { Rule = $"archived by hand by {command.Actor.UserId} in {order.Status}" + (reason is null ? "" : $": {reason}") });
            return null;
        });
        try
        {
            await UnregisterTimerAsync(ArchiveTimer);
        }
        catch (Exception e)
        {
            OrderLog.TimerRemovalFailed(logger, e, GetPrimaryKeyString(), ArchiveTimer);
        }

        DeactivateOnIdle(); // archived orders leave memory; reads activate them again
        return result;
    }

    private async Task OnArchiveTimerAsync()
    {
        var before = state.State;
        if (!before.Exists || before.ArchivedAt is not null) return;
        var rules = await GrainFactory.GetGrain<IArchiveRulesGrain>(TenantKeys.ForTenant(Key.TenantId)).GetCurrentAsync();
        if (ArchiveDue(before, rules) is not { } due) return;
        var now = time.GetUtcNow();
        if (due > now)
        {
            await RegisterOrUpdateTimerAsync(ArchiveTimer, due); // the rule or status moved the time on
            return;
        }

        var context = await LoadContextAsync(before, Needs.None);
        var change = new OrderChange(before, Actor.System, ArchiveAction, now, context);
        var rule = rules.For(before.Status)!;
        change.Update(s => s with { ArchivedAt = now });
        change.Raise(new OrderArchived { Rule = $"{before.Status} for {rule.After.TotalDays:0.##} days (rules version {rules.Version})" });
        await CommitAsync(before, OrderChangeCompletion.Complete(change)!, ArchiveAction);
        DeactivateOnIdle(); // archived orders leave memory; reads activate them again
    }

    /// <summary>Registers or removes the archive timer when a change moves the status or restores the order (called before the commit).</summary>
    private async Task ScheduleArchiveAsync(OrderState before, OrderState next)
    {
        if (before.Status == next.Status && before.ArchivedAt == next.ArchivedAt) return;
        if (next.ArchivedAt is not null) return;
        var rules = await GrainFactory.GetGrain<IArchiveRulesGrain>(TenantKeys.ForTenant(Key.TenantId)).GetCurrentAsync();
        if (ArchiveDue(next, rules) is { } due) await RegisterOrUpdateTimerAsync(ArchiveTimer, due);
        else if (before.Exists && rules.For(before.Status) is not null) await UnregisterTimerAsync(ArchiveTimer);
    }

    /// <summary>When the order is due for archiving: the later of entering its status and its last restore, plus the rule's period.</summary>
    private static DateTimeOffset? ArchiveDue(OrderState order, ArchiveRules rules)
    {
        if (rules.For(order.Status) is not { } rule) return null;
        var since = order.Events.LastOrDefault(e => e is OrderStatusChanged or OrderRestored)?.OccurredAt ?? order.UpdatedAt;
        return since + rule.After;
    }
}
