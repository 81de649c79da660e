using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>SLA timer ticks: warnings and breaches, recorded by the system actor with the deadline's scheduled time.</summary>
internal sealed partial class OrderGrain : IRemindable
{
    public const string SlaTimerAction = "sla-timer";

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (tick.Name == ArchiveTimer)
        {
            await OnArchiveTimerAsync();
            return;
        }

        if (!SlaTimers.TryParse(tick.Name, out var deadlineId, out var warning) || !state.State.Exists) return;
        var before = state.State;
        var context = await LoadContextAsync(before, Needs.None);
        var change = new OrderChange(before, Actor.System, SlaTimerAction, time.GetUtcNow(), context);
        OrderSla.OnTimer(change, deadlineId, warning);
        if (OrderChangeCompletion.Complete(change) is not { } next)
        {
            // A deadline that runs on past this tick (moved later, or the tick came early) must not be left without its timer.
            if (SlaTimers.Desired(before).TryGetValue(tick.Name, out var dueAt) && dueAt > change.Now)
                await RegisterOrUpdateTimerAsync(tick.Name, dueAt);
            return;
        }

        await CommitAsync(before, next, SlaTimerAction);
        foreach (var e in change.Events)
        {
            if (e is SlaWarningRaised w) OrderLog.SlaWarning(logger, GetPrimaryKeyString(), w.DeadlineId, w.DueAt);
            if (e is SlaBreached b) OrderLog.SlaBreached(logger, GetPrimaryKeyString(), b.DeadlineId, b.DueAt, next.Priority.ToString());
        }
    }
}
