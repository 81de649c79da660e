using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// Split and merge as changes of one order. The other order is created or changed by the grain before this change
/// commits (see <c>OrderGrain.SplitMerge</c>); these methods check the rules and record lines, links and events.
/// </summary>
internal static class OrderSplitMerge
{
    /// <summary>The lines the new order gets: whole lines or part of their quantity, with the discount shared by quantity.</summary>
    public static ImmutableArray<NewOrderLine> SplitOff(OrderState order, WorkflowDefinition workflow, SplitOrder command)
    {
        RequireEditable(order, workflow, "split", FulfilmentErrorCodes.SplitNotAllowed);
        var errors = new FieldErrors();
        if (command.Lines.IsDefaultOrEmpty) errors.Add("lines", "required", "A split names at least one line.");
        var moved = new List<NewOrderLine>();
        for (var i = 0; i < (command.Lines.IsDefault ? 0 : command.Lines.Length); i++)
        {
            var s = command.Lines[i];
            var line = order.Lines.FirstOrDefault(l => l.LineId == s.LineId);
            if (line is null) errors.Add($"lines[{i}].lineId", "unknown-line", $"The order has no line '{s.LineId}'.");
            else if (s.Quantity <= 0 || s.Quantity > line.Quantity) errors.Add($"lines[{i}].quantity", "out-of-range", $"Line {s.LineId} has {line.Quantity} units; split 1 to {line.Quantity}.");
            else moved.Add(new NewOrderLine
            {
                Sku = line.Sku, Name = line.Name, Quantity = s.Quantity, UnitPrice = line.UnitPrice, UnitCost = line.UnitCost,
                Discount = decimal.Round(line.Discount * s.Quantity / line.Quantity, 2),
            });
        }

        if (command.Lines.IsDefault ? false : command.Lines.GroupBy(l => l.LineId).Any(g => g.Count() > 1)) errors.Add("lines", "duplicate-line", "Name each line once.");
        errors.ThrowIfAny();
        if (command.Lines.Sum(l => l.Quantity) == order.Lines.Sum(l => l.Quantity))
            throw new OrderRuleViolationException(FulfilmentErrorCodes.SplitNotAllowed, "A split leaves at least one unit in the original order.", order.Version);
        return [.. moved];
    }

    public static void ApplySplit(OrderChange change, SplitOrder command, string newOrderId)
    {
        var lines = new List<OrderLine>();
        foreach (var line in change.State.Lines)
        {
            var moved = command.Lines.FirstOrDefault(l => l.LineId == line.LineId)?.Quantity ?? 0;
            if (moved == line.Quantity) continue;
            lines.Add(moved == 0 ? line : line with { Quantity = line.Quantity - moved, Discount = line.Discount - decimal.Round(line.Discount * moved / line.Quantity, 2) });
        }

        change.Update(s => s with { Lines = [.. lines], Links = s.Links.Add(new OrderLink(OrderLinkKinds.SplitInto, newOrderId, change.Now)) });
        change.Raise(new OrderSplit { NewOrderId = newOrderId, Lines = command.Lines });
        OrderWorkflow.OnContentEdited(change);
    }

    /// <summary>The target's side: checks compatibility and takes the lines (again a no-op if it already took them).</summary>
    public static void Absorb(OrderChange change, AbsorbMergedOrder command)
    {
        var order = change.State;
        if (order.Links.Any(l => l.Kind == OrderLinkKinds.MergedFrom && l.OrderId == command.SourceOrderId)) return;
        RequireEditable(order, change.Context.Workflow, "take a merged order", FulfilmentErrorCodes.OrdersNotMergeable);
        var mismatches = new List<string>();
        if (order.OrderId == command.SourceOrderId) mismatches.Add("an order cannot merge into itself");
        if (order.Customer?.CustomerId != command.Customer.CustomerId) mismatches.Add($"customer {command.Customer.CustomerId} is not {order.Customer?.CustomerId}");
        if (order.ShippingAddress != command.ShippingAddress) mismatches.Add("the shipping addresses differ");
        if (order.Currency != command.Currency) mismatches.Add($"currency {command.Currency} is not {order.Currency}");
        if (mismatches.Count > 0)
            throw new OrderRuleViolationException(FulfilmentErrorCodes.OrdersNotMergeable,
                $"Order {command.SourceOrderId} cannot merge into {order.OrderId}: {string.Join("; ", mismatches)}.", change.Before.Version);
        if (order.Lines.Length + command.Lines.Length > change.Context.Options.MaxLines)
            throw new OrderRuleViolationException(ErrorCodes.LimitReached, $"Merged, the order would have more than {change.Context.Options.MaxLines} lines.", change.Before.Version);

        var issued = order.LinesIssued;
        var added = command.Lines.Select(l => l with { LineId = $"l{++issued}" }).ToList();
        change.Update(s => s with
        {
            Lines = s.Lines.AddRange(added), LinesIssued = issued,
            Links = s.Links.Add(new OrderLink(OrderLinkKinds.MergedFrom, command.SourceOrderId, change.Now)),
        });
        change.Raise(new OrderMerged { Kind = OrderLinkKinds.MergedFrom, OtherOrderId = command.SourceOrderId, LineCount = added.Count });
        OrderWorkflow.OnContentEdited(change);
    }

    /// <summary>The source's side after the target took its lines: cancelled as merged, linked to the target.</summary>
    public static void CloseAsMerged(OrderChange change, string targetOrderId)
    {
        var workflow = change.Context.Workflow;
        var cancelled = workflow.States.FirstOrDefault(s => s.IsCancellation)?.Name ?? DefaultWorkflowNames.Cancelled;
        change.Update(s => s with { Links = s.Links.Add(new OrderLink(OrderLinkKinds.MergedInto, targetOrderId, change.Now)) });
        change.Raise(new OrderMerged { Kind = OrderLinkKinds.MergedInto, OtherOrderId = targetOrderId, LineCount = change.State.Lines.Length });
        OrderWorkflow.EnterState(change, cancelled, "merge", $"merged into {targetOrderId}");
    }

    public static void RequireMergeable(OrderState order, WorkflowDefinition workflow, string targetOrderId)
    {
        RequireEditable(order, workflow, "merge", FulfilmentErrorCodes.OrdersNotMergeable);
        if (order.OrderId == targetOrderId)
            throw new OrderRuleViolationException(FulfilmentErrorCodes.OrdersNotMergeable, "An order cannot merge into itself.", order.Version);
    }

    private static void RequireEditable(OrderState order, WorkflowDefinition workflow, string what, string code)
    {
        if (!workflow.EditableStates.Contains(order.Status))
            throw new OrderRuleViolationException(code,
                $"Order {order.OrderId} is {order.Status}: it can {what} only while {string.Join(", ", workflow.EditableStates)}.", order.Version);
    }
}
