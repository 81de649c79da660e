using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// The order records each step of its returns and refunds (reported by the returns grain): the summary goes on the order,
/// the step becomes an order event (so the timeline, analytics, webhooks and the search read model see it). A report not
/// newer than the recorded one is a resend and changes nothing.
/// </summary>
internal static class OrderAfterSalesRecording
{
    public const string Action = "after-sales";

    public static void Record(OrderChange change, RecordAfterSales command)
    {
        if (change.State.AfterSales is { } current && command.AfterSalesVersion <= current.AfterSalesVersion) return;
        var summary = command.Summary with { AfterSalesVersion = command.AfterSalesVersion };
        change.Update(s => s with { AfterSales = summary });
        AfterSalesEvent e = command.Kind switch
        {
            AfterSalesKind.ReturnRequested => new ReturnRequestedEvent(),
            AfterSalesKind.ReturnApproved => new ReturnApprovedEvent(),
            AfterSalesKind.ReturnRejected => new ReturnRejectedEvent(),
            AfterSalesKind.ReturnReceived => new ReturnReceivedEvent(),
            AfterSalesKind.RefundRequested => new RefundRequestedEvent(),
            AfterSalesKind.Refunded => new RefundIssuedEvent(),
            AfterSalesKind.RefundRejected => new RefundRejectedEvent(),
            _ => throw ValidationFailedException.For("kind", "unknown", $"'{command.Kind}' is not an after-sales step."),
        };
        change.Raise(e with
        {
            ReturnId = command.ReturnId, RefundId = command.RefundId, Units = command.Units, Amount = command.Amount, Detail = command.Detail,
            ReturnedUnits = summary.ReturnedUnits, RefundedAmount = summary.RefundedAmount,
        });
    }
}
