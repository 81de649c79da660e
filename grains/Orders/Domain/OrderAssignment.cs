using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>Who works on the order: the assignee is a user id, checked like an actor's; a final order keeps its last one.</summary>
internal static class OrderAssignment
{
    public const string Action = "assign";

    public static void Assign(OrderChange change, string? assignee, string? reason)
    {
        var errors = new FieldErrors();
        var to = string.IsNullOrWhiteSpace(assignee) ? null : assignee.Trim();
        if (to is not null) errors.Add(TenantKeys.CheckReference(to, "assignee"));
        errors.Text("reason", reason, OrderInput.MaxReasonLength, required: false);
        errors.ThrowIfAny();
        OrderEditing.RequireOpen(change, "assignee");
        var from = change.State.Assignee;
        if (from == to) return;
        change.Update(s => s with { Assignee = to });
        change.Raise(new OrderAssigned { From = from, To = to, Reason = reason });
    }
}
