using OrderCluster.GrainInterfaces.Imports;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Imports;

/// <summary>Turns one read order into an <see cref="ImportItem"/>: the command, or the errors of members that are missing.</summary>
internal static class ImportItems
{
    public static ImportItem From(int row, ImportOrderRequest order, string sourceSystem, Actor actor, ImmutableArray<int> lineRows = default)
    {
        var errors = ImmutableArray.CreateBuilder<ImportRowError>();
        void Require(bool present, string field) =>
            errors.AddIf(!present, new ImportRowError(row, order.Id, field, "required", $"{field} is required."));

        Require(!string.IsNullOrWhiteSpace(order.Id), "id");
        if (!string.IsNullOrWhiteSpace(order.Id) && TenantKeys.CheckId(order.Id, "id") is { } badId)
            errors.Add(new ImportRowError(row, order.Id, badId.Field, badId.Code, badId.Message));
        Require(!string.IsNullOrWhiteSpace(order.Status), "status");
        Require(order.CreatedAt is not null, "createdAt");
        Require(order.Customer is not null, "customer");
        Require(order.Channel is not null, "channel");
        Require(!string.IsNullOrWhiteSpace(order.Currency), "currency");
        Require(!order.Lines.IsDefaultOrEmpty, "lines");
        Require(order.ShippingAddress is not null, "shippingAddress");
        Require(order.Shipping is not null, "shipping");
        if (errors.Count > 0) return Failed(row, order.Id, errors.ToImmutable());

        return new ImportItem
        {
            Row = row,
            SourceId = order.Id,
            LineRows = lineRows.IsDefault ? [] : lineRows,
            Order = new ImportOrder
            {
                Actor = actor, SourceSystem = sourceSystem, SourceId = order.Id!, Status = order.Status!.Trim(), CreatedAt = order.CreatedAt!.Value,
                PlacedAt = order.PlacedAt, Customer = order.Customer!, Channel = order.Channel!, Currency = order.Currency!, Lines = order.Lines,
                ShippingAddress = order.ShippingAddress!, BillingAddress = order.BillingAddress, Shipping = order.Shipping!, Tags = order.Tags,
                Priority = order.Priority ?? OrderPriority.Normal,
            },
        };
    }

    public static ImportItem Failed(int row, string? sourceId, ImmutableArray<ImportRowError> errors) =>
        new() { Row = row, SourceId = sourceId, Errors = errors };

    private static void AddIf(this ImmutableArray<ImportRowError>.Builder errors, bool condition, ImportRowError error)
    {
        if (condition) errors.Add(error);
    }
}
