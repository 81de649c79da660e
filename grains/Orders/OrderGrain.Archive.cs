using OrderCluster.GrainInterfaces.Archiving;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>
/// Archiving: entering a status a tenant rule names registers the durable timer <c>archive</c> at the status time plus
/// the rule's period (before the change commits, like SLA timers). The tick checks again (rule, status and time as they
/// are now) and archives: the order refuses commands until restored and leaves memory. The archive search finds it in
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
