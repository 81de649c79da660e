using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>
/// Split and merge. The other order changes first (a new order created, or the target taking the lines, both
/// idempotent), then this order commits; a retry after a failed commit finds the other side done and completes.
/// This grain is not reentrant, so its own status cannot change between the check and the commit.
/// </summary>
internal sealed partial class OrderGrain
{
    public Task<OrderCommandResult> SplitAsync(SplitOrder command)
    {
        string? newOrderId = null;
        return ExecuteAsync(command, Json.SplitOrder, "split", Needs.ApprovalForEdit,
            change =>
            {
                OrderSplitMerge.ApplySplit(change, command, newOrderId!);
                return newOrderId;
            },
            prepare: async () =>
            {
                var order = state.State;
                var lines = OrderSplitMerge.SplitOff(order, _workflow!, command);
                newOrderId = command.NewOrderId ?? $"{order.OrderId}-s{order.Links.Count(l => l.Kind == OrderLinkKinds.SplitInto) + 1}";
                await GrainFactory.GetGrain<IOrderGrain>(TenantKeys.For(Key.TenantId, newOrderId, "newOrderId")).CreateAsync(new CreateOrder
                {
                    Actor = command.Actor, Customer = order.Customer!, Channel = order.Channel!, Currency = order.Currency, Lines = lines,
                    ShippingAddress = order.ShippingAddress!, BillingAddress = order.BillingAddress, Shipping = order.Shipping! with { Price = 0m },
                    CustomFields = order.CustomFields, Tags = order.Tags, Priority = order.Priority,
                    Note = $"Split from order {order.OrderId}.",
                });
            });
    }

    public Task<OrderCommandResult> MergeIntoAsync(MergeOrder command) =>
        ExecuteAsync(command, Json.MergeOrder, "merge", Needs.None,
            change =>
            {
                OrderSplitMerge.CloseAsMerged(change, command.TargetOrderId);
                return command.TargetOrderId;
            },
            prepare: async () =>
            {
                var order = state.State;
                OrderSplitMerge.RequireMergeable(order, _workflow!, command.TargetOrderId);
                await GrainFactory.GetGrain<IOrderGrain>(TenantKeys.For(Key.TenantId, command.TargetOrderId, "targetOrderId")).AbsorbMergedOrderAsync(new AbsorbMergedOrder
                {
                    Actor = command.Actor, SourceOrderId = order.OrderId, Customer = order.Customer!, ShippingAddress = order.ShippingAddress!,
                    Currency = order.Currency, Lines = order.Lines,
                });
            });

    public Task<OrderCommandResult> AbsorbMergedOrderAsync(AbsorbMergedOrder command) =>
        ExecuteAsync(command, Json.AbsorbMergedOrder, "merge", Needs.ApprovalForEdit, change =>
        {
            OrderSplitMerge.Absorb(change, command);
            return null;
        });
}
