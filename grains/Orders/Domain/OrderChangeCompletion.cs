using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// Turns a change into the next committed state: version + 1, the events numbered on from the last one and stamped
/// with tenant, order, time, actor and action, and one audit entry with every field's before and after.
/// </summary>
internal static class OrderChangeCompletion
{
    /// <summary>The next state, or null when the change changed nothing (a no-op commits nothing and keeps the version).</summary>
    public static OrderState? Complete(OrderChange change)
    {
        var before = change.Before;
        var after = change.State;
        var fields = OrderAuditDiff.Compute(before, after);
        // An edit event describes field changes: without any, it has nothing to say.
        var events = change.Events.Where(e => e is not OrderEdited || !fields.IsEmpty).ToList();
        if (fields.IsEmpty && events.Count == 0) return null;

        var version = before.Version + 1;
        var sequence = before.LastEventSequence;
        var highlights = fields.Select(f => f.Path).Where(p => !p.StartsWith("totals.", StringComparison.Ordinal)).ToImmutableArray();
        var stamped = new List<OrderEvent>(events.Count);
        foreach (var e in events)
        {
            var completed = e is OrderEdited { Fields.IsDefaultOrEmpty: true } edited
                ? edited with { Fields = highlights, Total = TotalOf(after) }
                : e;
            stamped.Add(completed with
            {
                Sequence = ++sequence,
                OrderVersion = version,
                TenantId = after.TenantId,
                OrderId = after.OrderId,
                OccurredAt = change.Now,
                Actor = change.Actor,
                Action = change.Action,
            });
        }

        var audit = new AuditEntry
        {
            Sequence = version,
            At = change.Now,
            Actor = change.Actor,
            Action = change.Action,
            Changes = fields,
            EventSequences = [.. stamped.Select(e => e.Sequence)],
        };
        return after with
        {
            Version = version,
            UpdatedAt = change.Now,
            Events = after.Events.AddRange(stamped),
            Audit = after.Audit.Add(audit),
            PendingCustomerUpdate = CustomerUpdate(change, before, after, version) ?? after.PendingCustomerUpdate,
        };
    }

    /// <summary>The customer's order-history entry, when the change touched what the entry shows.</summary>
    private static CustomerOrderEntry? CustomerUpdate(OrderChange change, OrderState before, OrderState after, long version)
    {
        var relevant = !before.Exists || before.Status != after.Status || !before.Lines.Equals(after.Lines) || before.Shipping != after.Shipping;
        if (!relevant || after.Customer is null) return null;
        return new CustomerOrderEntry
        {
            OrderId = after.OrderId,
            Status = after.Status,
            Total = TotalOf(after),
            CreatedAt = after.CreatedAt,
            UpdatedAt = change.Now,
            OrderVersion = version,
            Cancelled = OrderWorkflow.IsCancellation(change.Context.Workflow, after.Status),
        };
    }

    private static Money TotalOf(OrderState order) => OrderTotalsCalculator.For(order.Currency, order.Lines, order.Shipping?.Price ?? 0).Total;
}
