using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>Validation of the parts of an order as commands give them; every problem is reported under its field path.</summary>
internal static class OrderInput
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 200;
    public const int MaxQuantity = 1_000_000;
    public const int MaxExternalReferences = 20;
    public const int MaxReasonLength = 1_000;

    public static void Actor(FieldErrors errors, Actor? actor, string field = "actor")
    {
        if (actor is null)
        {
            errors.Add(field, "required", $"{field} is required.");
            return;
        }

        errors.Add(TenantKeys.CheckReference(actor.UserId, $"{field}.userId"));
        errors.Text($"{field}.displayName", actor.DisplayName, MaxNameLength, required: false);
        for (var i = 0; i < actor.Roles.Length; i++) errors.Text($"{field}.roles[{i}]", actor.Roles[i], 64);
    }

    public static void Customer(FieldErrors errors, CustomerRef? customer, string field = "customer")
    {
        if (customer is null)
        {
            errors.Add(field, "required", $"{field} is required.");
            return;
        }

        errors.Add(TenantKeys.CheckId(customer.CustomerId, $"{field}.customerId"));
        errors.Text($"{field}.name", customer.Name, MaxNameLength, required: false);
        errors.Text($"{field}.email", customer.Email, 254, required: false);
    }

    public static void Channel(FieldErrors errors, SalesChannel? channel, string field = "channel")
    {
        if (channel is null)
        {
            errors.Add(field, "required", $"{field} is required.");
            return;
        }

        if (!Enum.IsDefined(channel.Kind)) errors.Add($"{field}.kind", "unknown-value", $"{field}.kind is not a known channel.");
        if (channel.Kind == ChannelKind.Marketplace)
            errors.Text($"{field}.marketplaceName", channel.MarketplaceName, 100);
        else if (channel.MarketplaceName is not null)
            errors.Add($"{field}.marketplaceName", "not-allowed", $"{field}.marketplaceName is only for marketplace orders.");
        errors.Text($"{field}.storeId", channel.StoreId, 100, required: false);

        if (channel.ExternalReferences.Length > MaxExternalReferences)
            errors.Add($"{field}.externalReferences", "too-many", $"At most {MaxExternalReferences} external references.");
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < channel.ExternalReferences.Length; i++)
        {
            var reference = channel.ExternalReferences[i];
            errors.Text($"{field}.externalReferences[{i}].system", reference?.System, 100);
            errors.Text($"{field}.externalReferences[{i}].id", reference?.Id, MaxTextLength);
            if (reference is not null && !seen.Add((reference.System, reference.Id)))
                errors.Add($"{field}.externalReferences[{i}]", "duplicate", $"{reference.System}:{reference.Id} is listed twice.");
        }
    }

    public static void Lines(FieldErrors errors, ImmutableArray<NewOrderLine> lines, int maxLines, string field = "lines", bool required = true)
    {
        if (lines.IsDefaultOrEmpty)
        {
            if (required) errors.Add(field, "required", "An order needs at least one line.");
            return;
        }

        if (lines.Length > maxLines) errors.Add(field, "too-many", $"At most {maxLines} lines.");
        for (var i = 0; i < lines.Length; i++) Line(errors, lines[i], $"{field}[{i}]");
    }

    public static void Line(FieldErrors errors, NewOrderLine? line, string field)
    {
        if (line is null)
        {
            errors.Add(field, "required", $"{field} is required.");
            return;
        }

        errors.Text($"{field}.sku", line.Sku, 100);
        errors.Text($"{field}.name", line.Name, MaxNameLength, required: false);
        Quantity(errors, line.Quantity, $"{field}.quantity");
        errors.Amount($"{field}.unitPrice", line.UnitPrice);
        errors.Amount($"{field}.discount", line.Discount);
        if (line.UnitPrice >= 0 && line.Discount > line.Quantity * line.UnitPrice)
            errors.Add($"{field}.discount", "above-subtotal", $"{field}.discount is more than the line's subtotal.");
        if (line.UnitCost is { } cost) errors.Amount($"{field}.unitCost", cost);
    }

    public static void Quantity(FieldErrors errors, int quantity, string field)
    {
        if (quantity is < 1 or > MaxQuantity) errors.Add(field, "out-of-range", $"{field} must be between 1 and {MaxQuantity}.");
    }

    public static void Address(FieldErrors errors, Address? address, string field, bool required = true)
    {
        if (address is null)
        {
            if (required) errors.Add(field, "required", $"{field} is required.");
            return;
        }

        errors.Text($"{field}.name", address.Name, MaxNameLength);
        errors.Text($"{field}.company", address.Company, MaxNameLength, required: false);
        errors.Text($"{field}.line1", address.Line1, MaxTextLength);
        errors.Text($"{field}.line2", address.Line2, MaxTextLength, required: false);
        errors.Text($"{field}.city", address.City, 100);
        errors.Text($"{field}.region", address.Region, 100, required: false);
        errors.Text($"{field}.postalCode", address.PostalCode, 20);
        if (address.CountryCode is not { Length: 2 } country || !country.All(char.IsAsciiLetterUpper))
            errors.Add($"{field}.countryCode", "invalid-format", $"{field}.countryCode must be an ISO 3166-1 alpha-2 code (two upper-case letters).");
        errors.Text($"{field}.phone", address.Phone, 40, required: false);
        errors.Text($"{field}.email", address.Email, 254, required: false);
    }

    public static void Shipping(FieldErrors errors, ShippingSelection? shipping, string field = "shipping")
    {
        if (shipping is null)
        {
            errors.Add(field, "required", $"{field} is required.");
            return;
        }

        errors.Text($"{field}.method", shipping.Method, 100);
        errors.Text($"{field}.carrier", shipping.Carrier, 100, required: false);
        errors.Amount($"{field}.price", shipping.Price);
    }

    public static void Priority(FieldErrors errors, OrderPriority priority, string field = "priority")
    {
        if (!Enum.IsDefined(priority)) errors.Add(field, "unknown-value", $"{field} is not a known priority.");
    }

    public static OrderLine ToLine(NewOrderLine line, string lineId) => new()
    {
        LineId = lineId,
        Sku = line.Sku.Trim(),
        Name = string.IsNullOrWhiteSpace(line.Name) ? line.Sku.Trim() : line.Name.Trim(),
        Quantity = line.Quantity,
        UnitPrice = line.UnitPrice,
        Discount = line.Discount,
        UnitCost = line.UnitCost,
    };
}
