using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>The read shape of the state (the state's parts are immutable records, so this copies nothing big).</summary>
internal static class OrderSnapshots
{
    public static OrderSnapshot From(OrderState s) => new()
    {
        TenantId = s.TenantId,
        OrderId = s.OrderId,
        Version = s.Version,
        Status = s.Status,
        HeldFromStatus = s.HeldFrom,
        WorkflowVersion = s.WorkflowVersion,
        Priority = s.Priority,
        Assignee = s.Assignee,
        AfterSales = s.AfterSales,
        Customer = s.Customer!,
        Channel = s.Channel!,
        ClientReference = s.ClientReference,
        Currency = s.Currency,
        Lines = s.Lines,
        ShippingAddress = s.ShippingAddress!,
        BillingAddress = s.BillingAddress,
        Shipping = s.Shipping!,
        Totals = OrderTotalsCalculator.For(s.Currency, s.Lines, s.Shipping?.Price ?? 0),
        CustomFields = s.CustomFields,
        Tags = s.Tags,
        Approval = s.Approval,
        Sla = s.Sla,
        Attachments = s.Attachments,
        Fulfilment = s.Fulfilment,
        Links = s.Links,
        ArchivedAt = s.ArchivedAt,
        NoteCount = s.Notes.Count,
        CommunicationCount = s.Communications.Count,
        CreatedAt = s.CreatedAt,
        CreatedBy = s.CreatedBy!,
        Import = s.Import,
        UpdatedAt = s.UpdatedAt,
        LastEventSequence = s.LastEventSequence,
    };

    public static OrderCommandResult Result(OrderState s, string? createdId = null, bool replayed = false) => new()
    {
        TenantId = s.TenantId,
        OrderId = s.OrderId,
        Version = s.Version,
        Status = s.Status,
        Priority = s.Priority,
        CreatedId = createdId,
        Replayed = replayed,
    };
}
