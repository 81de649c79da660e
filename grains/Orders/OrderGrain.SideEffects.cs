using OrderCluster.GrainInterfaces.Automation;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.Grains.Orders.Domain;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Orders;

/// <summary>
/// Updates other grains after a commit: the customer's order-history index and the tenant's SLA report. What to
/// send is committed with the order (pending), so nothing is lost when a send fails: it goes again after the next
/// change or on the next activation, and the receivers ignore repeats (by order version, by outcome id).
/// </summary>
internal sealed partial class OrderGrain
{
    private async Task FlushPendingAsync(TimeSpan? timeout)
    {
        using var scope = timeout is { } t ? GrainCallContext.WithTimeout(t) : null;
        var order = state.State;
        if (order.PendingCustomerUpdate is { } entry && order.Customer is { } customer)
        {
            try
            {
                await GrainFactory.GetGrain<ICustomerGrain>(TenantKeys.For(order.TenantId, customer.CustomerId)).RecordOrderAsync(entry);
                // Cleared in memory only: the next commit stores it; a resend after a crash is harmless.
                if (ReferenceEquals(state.State.PendingCustomerUpdate, entry)) state.State = state.State with { PendingCustomerUpdate = null };
            }
            catch (Exception e)
            {
                OrderLog.CustomerUpdateFailed(logger, e, GetPrimaryKeyString(), customer.CustomerId);
            }
        }

        if (OrderFulfilmentSync.NeedsRelease(order, _workflow))
        {
            try
            {
                await GrainFactory.GetGrain<IFulfilmentGrain>(GetPrimaryKeyString()).ScheduleReleaseAsync($"order {order.Status}");
                // In memory only, like the customer update: a resend after a restart releases nothing twice.
                state.State = state.State with { Fulfilment = state.State.Fulfilment! with { ReleaseRequested = true } };
            }
            catch (Exception e)
            {
                OrderLog.FulfilmentReleaseFailed(logger, e, GetPrimaryKeyString());
            }
        }

        try
        {
            // Only sets a timer there (an interleaving call): the automation reads the events in a turn of its own.
            await GrainFactory.GetGrain<IOrderAutomationGrain>(GetPrimaryKeyString()).NudgeAsync(state.State.LastEventSequence);
        }
        catch (Exception e)
        {
            Automation.AutomationLog.NudgeFailed(logger, e, GetPrimaryKeyString());
        }

        foreach (var report in order.PendingSlaReports)
        {
            try
            {
                await GrainFactory.GetGrain<ISlaReportGrain>(TenantKeys.ForTenant(order.TenantId)).RecordAsync(report);
                state.State = state.State with { PendingSlaReports = state.State.PendingSlaReports.Remove(report) };
            }
            catch (Exception e)
            {
                OrderLog.SlaReportFailed(logger, e, GetPrimaryKeyString(), report.OutcomeId);
            }
        }
    }
}
