using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Tenants;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>Creates an order from a <see cref="CreateOrder"/>: validates everything, then enters the initial state and, when asked, places it.</summary>
internal static class OrderCreation
{
    public const string Action = "create";

    public static void Create(OrderChange change, CreateOrder command, TenantKey key, string requestHash)
    {
        var context = change.Context;
        var options = context.Options;
        var errors = new FieldErrors();
        OrderInput.Customer(errors, command.Customer);
        OrderInput.Channel(errors, command.Channel);
        errors.Currency("currency", command.Currency);
        OrderInput.Lines(errors, command.Lines, options.MaxLines);
        OrderInput.Address(errors, command.ShippingAddress, "shippingAddress");
        OrderInput.Address(errors, command.BillingAddress, "billingAddress", required: false);
        OrderInput.Shipping(errors, command.Shipping);
        OrderInput.Priority(errors, command.Priority);
        if (command.ClientReference is not null) errors.Add(TenantKeys.CheckReference(command.ClientReference, "clientReference"));
        var tags = TagRules.NormalizeAll(errors, command.Tags, options.MaxTagLength, "tags");
        if (tags.Count > options.MaxTags) errors.Add("tags", "too-many", $"An order has at most {options.MaxTags} tags.");
        var customFields = CustomFieldRules.WithDefaults(context.Schema, command.CustomFields);
        CustomFieldRules.ValidateWrite(errors, context.Schema,
            CustomFieldRules.AsWrites(command.CustomFields), customFields);
        if (command.Note is not null) errors.Text("note", command.Note, options.MaxNoteLength, multiline: true);
        errors.ThrowIfAny();

        var lines = command.Lines.Select((line, i) => OrderInput.ToLine(line, $"l{i + 1}")).ToImmutableArray();
        change.Update(s => s with
        {
            TenantId = key.TenantId,
            OrderId = key.Id,
            CreateRequestHash = requestHash,
            WorkflowVersion = context.Workflow.Version,
            SlaPolicyVersion = context.SlaPolicy.Version,
            CustomFieldSchemaVersion = context.Schema.Version,
            Customer = command.Customer,
            Channel = command.Channel,
            Currency = command.Currency,
            ClientReference = command.ClientReference,
            Lines = lines,
            LinesIssued = lines.Length,
            ShippingAddress = command.ShippingAddress,
            BillingAddress = command.BillingAddress,
            Shipping = command.Shipping,
            CustomFields = customFields,
            Tags = [.. tags],
            Priority = command.Priority,
            CreatedAt = change.Now,
            CreatedBy = change.Actor,
        });
        change.Raise(new OrderCreated
        {
            CustomerId = command.Customer.CustomerId,
            Channel = command.Channel.Kind,
            MarketplaceName = command.Channel.MarketplaceName,
            ClientReference = command.ClientReference,
            Total = OrderTotalsCalculator.For(command.Currency, lines, command.Shipping.Price).Total,
            LineCount = lines.Length,
            Priority = command.Priority,
            WorkflowVersion = context.Workflow.Version,
        });
        OrderWorkflow.EnterState(change, context.Workflow.InitialState, Action, null);
        if (command.Note is not null) OrderContent.AddNote(change, NoteVisibility.Internal, command.Note);
        if (command.Place) OrderWorkflow.Perform(change, context.Workflow.PlaceAction, null);
    }
}
