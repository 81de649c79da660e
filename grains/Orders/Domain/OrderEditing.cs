using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Tenants;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>Content edits: lines, addresses and shipping, custom fields, priority and tags.</summary>
internal static class OrderEditing
{
    public static void ChangeLines(OrderChange change, ChangeOrderLines command)
    {
        OrderWorkflow.RequireEditable(change, "lines");
        var order = change.State;
        var errors = new FieldErrors();
        var lines = order.Lines.ToList();
        var ids = lines.Select(l => l.LineId).ToHashSet();

        for (var i = 0; i < command.Remove.Length; i++)
        {
            if (!ids.Contains(command.Remove[i])) errors.Add($"remove[{i}]", "unknown-line", $"The order has no line '{command.Remove[i]}'.");
            lines.RemoveAll(l => l.LineId == command.Remove[i]);
        }

        for (var i = 0; i < command.Update.Length; i++)
        {
            var update = command.Update[i];
            var index = lines.FindIndex(l => l.LineId == update.LineId);
            if (index < 0)
            {
                errors.Add($"update[{i}].lineId", "unknown-line", $"The order has no line '{update.LineId}' (or it is removed in the same change).");
                continue;
            }

            var line = lines[index];
            var updated = line with
            {
                Name = update.Name?.Trim() ?? line.Name,
                Quantity = update.Quantity ?? line.Quantity,
                UnitPrice = update.UnitPrice ?? line.UnitPrice,
                Discount = update.Discount ?? line.Discount,
                UnitCost = update.UnitCost ?? line.UnitCost,
            };
            OrderInput.Line(errors, AsNew(updated), $"update[{i}]");
            lines[index] = updated == line ? line : updated;
        }

        OrderInput.Lines(errors, command.Add, change.Context.Options.MaxLines, "add", required: false);
        var issued = order.LinesIssued;
        foreach (var line in command.Add) lines.Add(OrderInput.ToLine(line, $"l{++issued}"));
        if (lines.Count == 0) errors.Add("remove", "last-line", "An order keeps at least one line.");
        if (lines.Count > change.Context.Options.MaxLines) errors.Add("add", "too-many", $"An order has at most {change.Context.Options.MaxLines} lines.");
        errors.ThrowIfAny();

        change.Update(s => s with { Lines = [.. lines], LinesIssued = issued });
        change.Raise(new OrderEdited());
        OrderWorkflow.OnContentEdited(change);
    }

    public static void ChangeFulfilment(OrderChange change, ChangeFulfilment command)
    {
        OrderWorkflow.RequireEditable(change, "addresses and shipping");
        var errors = new FieldErrors();
        OrderInput.Address(errors, command.ShippingAddress, "shippingAddress", required: false);
        OrderInput.Address(errors, command.BillingAddress, "billingAddress", required: false);
        if (command.Shipping is not null) OrderInput.Shipping(errors, command.Shipping);
        if (command.BillingSameAsShipping && command.BillingAddress is not null)
            errors.Add("billingAddress", "conflict", "Give a billing address or billingSameAsShipping, not both.");
        errors.ThrowIfAny();

        change.Update(s => s with
        {
            ShippingAddress = command.ShippingAddress is { } shipping && shipping != s.ShippingAddress ? shipping : s.ShippingAddress,
            BillingAddress = command.BillingSameAsShipping ? null
                : command.BillingAddress is { } billing && billing != s.BillingAddress ? billing : s.BillingAddress,
            Shipping = command.Shipping is { } selection && selection != s.Shipping ? selection : s.Shipping,
        });
        change.Raise(new OrderEdited());
        OrderWorkflow.OnContentEdited(change);
    }

    public static void SetCustomFields(OrderChange change, SetCustomFields command)
    {
        RequireOpen(change, "custom fields");
        var schema = change.Context.Schema;
        var result = change.State.CustomFields;
        foreach (var (name, value) in command.Values)
        {
            if (value is null) result = result.Remove(name);
            else if (!result.TryGetValue(name, out var stored) || stored != value) result = result.SetItem(name, value);
        }

        var errors = new FieldErrors();
        CustomFieldRules.ValidateWrite(errors, schema, command.Values, result);
        errors.ThrowIfAny();
        change.Update(s => s with { CustomFields = result, CustomFieldSchemaVersion = schema.Version });
        change.Raise(new OrderEdited());
        OrderWorkflow.OnContentEdited(change);
    }

    public static void ChangePriority(OrderChange change, OrderPriority priority, string? reason)
    {
        RequireOpen(change, "priority");
        var errors = new FieldErrors();
        OrderInput.Priority(errors, priority);
        errors.Text("reason", reason, OrderInput.MaxReasonLength, required: false);
        errors.ThrowIfAny();
        var from = change.State.Priority;
        if (from == priority) return;
        change.Update(s => s with { Priority = priority });
        change.Raise(new PriorityChanged { From = from, To = priority, Reason = reason });
        OrderSla.Reschedule(change);
    }

    public static void ChangeTags(OrderChange change, ImmutableArray<string> add, ImmutableArray<string> remove)
    {
        var options = change.Context.Options;
        var errors = new FieldErrors();
        var added = TagRules.NormalizeAll(errors, add, options.MaxTagLength, "add");
        var removed = TagRules.NormalizeAll(errors, remove, options.MaxTagLength, "remove");
        errors.ThrowIfAny();

        var tags = change.State.Tags;
        var actuallyRemoved = removed.Where(tags.Contains).ToImmutableArray();
        tags = tags.RemoveRange(actuallyRemoved);
        var actuallyAdded = added.Where(t => !tags.Contains(t)).ToImmutableArray();
        tags = tags.AddRange(actuallyAdded);
        if (tags.Length > options.MaxTags)
            throw ValidationFailedException.For("add", "too-many", $"An order has at most {options.MaxTags} tags; it would have {tags.Length}.");
        if (actuallyAdded.IsEmpty && actuallyRemoved.IsEmpty) return;
        change.Update(s => s with { Tags = tags });
        change.Raise(new TagsChanged { Added = actuallyAdded, Removed = actuallyRemoved });
    }

    /// <summary>Refuses changes to an order in a final state (closed, cancelled).</summary>
    public static void RequireOpen(OrderChange change, string what)
    {
        if (!OrderWorkflow.IsTerminal(change.Context.Workflow, change.State.Status)) return;
        throw new OrderRuleViolationException(ErrorCodes.OrderNotEditable,
            $"The {what} of an order that is {change.State.Status} cannot change: the order is final.", change.Before.Version);
    }

    private static NewOrderLine AsNew(OrderLine line) => new()
    {
        Sku = line.Sku, Name = line.Name, Quantity = line.Quantity, UnitPrice = line.UnitPrice, Discount = line.Discount, UnitCost = line.UnitCost,
    };
}
