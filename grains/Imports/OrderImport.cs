using OrderCluster.GrainInterfaces.Imports;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Imports;

/// <summary>
/// Creates an order from an <see cref="ImportOrder"/>: validates it as <see cref="OrderCreation"/> validates a create,
/// then sets the source's status directly (one of the workflow's states) and its creation time. One change: the
/// audit entry (action <c>import</c>) records the source system and id, and the events are <see cref="OrderCreated"/>
/// (with <see cref="OrderCreated.Import"/>) and <see cref="OrderStatusChanged"/> (transition <c>import</c>). No approval
/// is evaluated and no SLA deadline starts: the source already decided those.
/// </summary>
internal static class OrderImport
{
    public const string Action = "import";

    /// <summary>How far in the future a source's creation time may lie (clock skew between the systems).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static void Import(OrderChange change, ImportOrder command, TenantKey key, string requestHash)
    {
        var context = change.Context;
        var options = context.Options;
        var workflow = context.Workflow;
        var errors = new FieldErrors();
        errors.Add(TenantKeys.CheckId(command.SourceSystem, "sourceSystem"));
        if (command.SourceId != key.Id) errors.Add("sourceId", "mismatch", $"sourceId must be the order id {key.Id}.");
        if (string.IsNullOrWhiteSpace(command.Status)) errors.Add("status", "required", "status is required.");
        else if (!workflow.States.Any(s => s.Name == command.Status))
            errors.Add("status", ImportErrorCodes.UnknownStatus,
                $"'{command.Status}' is not a state of the workflow (version {workflow.Version}): {string.Join(", ", workflow.States.Select(s => s.Name))}.");
        if (command.CreatedAt == default) errors.Add("createdAt", "required", "createdAt is required.");
        else if (command.CreatedAt > change.Now + MaxClockSkew) errors.Add("createdAt", "in-future", "createdAt lies in the future.");
        if (command.PlacedAt is { } placed && placed < command.CreatedAt) errors.Add("placedAt", "before-created", "placedAt is before createdAt.");
        OrderInput.Customer(errors, command.Customer);
        OrderInput.Channel(errors, command.Channel);
        errors.Currency("currency", command.Currency);
        OrderInput.Lines(errors, command.Lines, options.MaxLines);
        OrderInput.Address(errors, command.ShippingAddress, "shippingAddress");
        OrderInput.Address(errors, command.BillingAddress, "billingAddress", required: false);
        OrderInput.Shipping(errors, command.Shipping);
        OrderInput.Priority(errors, command.Priority);
        var tags = TagRules.NormalizeAll(errors, command.Tags, options.MaxTagLength, "tags");
        if (tags.Count > options.MaxTags) errors.Add("tags", "too-many", $"An order has at most {options.MaxTags} tags.");
        errors.ThrowIfAny();

        var lines = command.Lines.Select((line, i) => OrderInput.ToLine(line, $"l{i + 1}")).ToImmutableArray();
        var source = new ImportSource
        {
            SourceSystem = command.SourceSystem, SourceId = command.SourceId, PlacedAt = command.PlacedAt?.ToUniversalTime(), ImportedAt = change.Now,
        };
        change.Update(s => s with
        {
            TenantId = key.TenantId,
            OrderId = key.Id,
            CreateRequestHash = requestHash,
            WorkflowVersion = workflow.Version,
            SlaPolicyVersion = context.SlaPolicy.Version,
            CustomFieldSchemaVersion = context.Schema.Version,
            Status = command.Status,
            // An order imported on hold resumes to the approved state (the source does not say where it was held from).
            HeldFrom = command.Status == workflow.Hold.State ? workflow.Approval.ApprovedState : null,
            Customer = command.Customer,
            Channel = command.Channel,
            Currency = command.Currency,
            Lines = lines,
            LinesIssued = lines.Length,
            ShippingAddress = command.ShippingAddress,
            BillingAddress = command.BillingAddress,
            Shipping = command.Shipping,
            Tags = [.. tags],
            Priority = command.Priority,
            CreatedAt = command.CreatedAt.ToUniversalTime(),
            CreatedBy = change.Actor,
            Import = source,
        });
        change.Raise(new OrderCreated
        {
            CustomerId = command.Customer.CustomerId,
            Channel = command.Channel.Kind,
            MarketplaceName = command.Channel.MarketplaceName,
            Total = OrderTotalsCalculator.For(command.Currency, lines, command.Shipping.Price).Total,
            LineCount = lines.Length,
            Priority = command.Priority,
            WorkflowVersion = workflow.Version,
            Import = source,
        });
        change.Raise(new OrderStatusChanged { To = command.Status, Transition = Action, Reason = $"imported from {command.SourceSystem} ({command.SourceId})" });
    }
}
