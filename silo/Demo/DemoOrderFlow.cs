using OrderCluster.Runtime;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Returns;

namespace OrderCluster.Silo.Demo;

/// <summary>One demo order on its way: its fate and the next step to take.</summary>
internal sealed class DemoOrder(string orderId, DemoFate fate)
{
    public string OrderId { get; } = orderId;

    public DemoFate Fate { get; } = fate;

    public int Step { get; set; }
}

/// <summary>
/// Moves demo orders through the workflow one step per call, as people and the warehouse would: an order manager approves,
/// rejects or cancels; warehouse staff allocate stock (sourcing picks the warehouses), create the shipments, pick, pack and
/// ship them; the carrier delivers; a few customers send
/// a unit back, which is approved, received into stock and refunded (finance approves refunds above the policy's threshold). Every step goes through the grains' own commands, so it is audited, raises events and
/// reaches the KPIs like any other change.
/// </summary>
internal sealed class DemoOrderFlow(IGrainFactory grains)
{
    /// <summary>Takes the order's next step; false when the order has reached its fate.</summary>
    public async Task<bool> AdvanceAsync(string tenant, DemoOrder order)
    {
        var step = StepsOf(order.Fate)[order.Step];
        await RunAsync(tenant, order.OrderId, step);
        order.Step++;
        return order.Step < StepsOf(order.Fate).Length;
    }

    public static string NameOf(DemoOrder order) => StepsOf(order.Fate)[order.Step];

    private static string[] StepsOf(DemoFate fate) => fate switch
    {
        DemoFate.Cancelled => ["cancel"],
        DemoFate.Rejected => ["reject"],
        DemoFate.Approved => ["approve", "allocate", "pick", "pack", "ship", "deliver"],
        DemoFate.Shipped => ["allocate", "pick", "pack", "ship"],
        DemoFate.Returned => ["allocate", "pick", "pack", "ship", "deliver", "return", "receive-return", "refund"],
        _ => ["allocate", "pick", "pack", "ship", "deliver"],
    };

    private async Task RunAsync(string tenant, string orderId, string step)
    {
        var order = grains.GetGrain<IOrderGrain>(TenantKeys.For(tenant, orderId, "orderId"));
        var fulfilment = grains.GetGrain<IFulfilmentGrain>(TenantKeys.For(tenant, orderId, "orderId"));
        var returns = grains.GetGrain<IReturnsGrain>(TenantKeys.For(tenant, orderId, "orderId"));
        switch (step)
        {
            case "cancel":
                await order.PerformActionAsync(new PerformOrderAction { Actor = DemoCatalog.Manager, Action = "cancel", Reason = "customer changed their mind" });
                break;
            case "reject":
                await order.RejectAsync(new RejectOrder { Actor = DemoCatalog.Manager, Reason = "credit check failed" });
                break;
            case "approve":
                await order.ApproveAsync(new ApproveOrder { Actor = DemoCatalog.Manager, Comment = "known business customer" });
                break;
            case "allocate":
                await fulfilment.AllocateAsync(new AllocateOrder(DemoCatalog.WarehouseStaff));
                await fulfilment.CreateShipmentsAsync(new CreateShipments(DemoCatalog.WarehouseStaff));
                break;
            case "return":
                var line = (await order.GetAsync()).Lines[0];
                var requested = await returns.RequestReturnAsync(new RequestReturn(DemoCatalog.Manager, [new ReturnLineRequest(line.LineId, 1, "arrived damaged")]));
                await returns.DecideReturnAsync(new DecideReturn(DemoCatalog.Manager, requested.Returns[^1].ReturnId, Approve: true));
                break;
            case "receive-return":
                var open = (await returns.GetAsync()).Returns[^1];
                await returns.ReceiveReturnAsync(new ReceiveReturn(DemoCatalog.WarehouseStaff, open.ReturnId,
                    [.. open.Lines.Select(l => new ReceivedLine(l.LineId, l.Quantity, ReturnDisposition.Restock))]));
                break;
            case "refund":
                var received = (await returns.GetAsync()).Returns[^1];
                var unitPrice = (await order.GetAsync()).Lines.Single(l => l.LineId == received.Lines[0].LineId).UnitPrice;
                var refunded = await returns.RequestRefundAsync(new RequestRefund(DemoCatalog.Manager, unitPrice * received.Lines[0].Quantity, "returned damaged", received.ReturnId));
                if (refunded.Refunds[^1].Status == RefundStatus.PendingApproval) // above the policy's threshold: finance decides
                    await returns.DecideRefundAsync(new DecideRefund(DemoCatalog.Finance, refunded.Refunds[^1].RefundId, Approve: true));
                break;
            default: // pick, pack, ship, deliver: every shipment of the order
                var snapshot = await fulfilment.GetAsync();
                foreach (var shipment in snapshot.Shipments.Where(s => s.Status != ShipmentStatus.Cancelled))
                    await fulfilment.AdvanceShipmentAsync(new AdvanceShipment(DemoCatalog.WarehouseStaff, shipment.ShipmentId, step,
                        Carrier: "DHL", TrackingNumber: $"DHL-{Tail(orderId)}-{shipment.ShipmentId}"));
                break;
        }
    }

    private static string Tail(string orderId) => (orderId.Length > 12 ? orderId[^12..] : orderId).ToUpperInvariant();
}
