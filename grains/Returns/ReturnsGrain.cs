using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Returns;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Returns;

/// <summary>
/// Returns and refunds of one order, keyed <c>{tenant}/{orderId}</c>. It reads the order (total, currency) and its
/// fulfilment (what was shipped from where, at what cost); it restocks warehouses and creates exchange orders.
/// Nothing calls it back, so no call cycle can form.
/// </summary>
internal sealed class ReturnsGrain(
    [PersistentState("returns")] IPersistentState<ReturnsState> state,
    TimeProvider time,
    ILogger<ReturnsGrain> logger) : Grain, IReturnsGrain
{
    private static readonly ImmutableArray<string> ManagerRoles = [OrderRoles.OrderManager, OrderRoles.Admin];
    private static readonly ImmutableArray<string> WarehouseRoles = [OrderRoles.Warehouse, OrderRoles.Admin];
    private static readonly ImmutableArray<string> RefundRoles = [OrderRoles.OrderManager, OrderRoles.Finance, OrderRoles.Admin];

    private TenantKey Key => TenantKeys.Parse(GetPrimaryKeyString(), "orderId");

    public Task<AfterSalesSnapshot> RequestReturnAsync(RequestReturn command) => Run("request-return", command.Actor, command.ExpectedVersion, [], async () =>
    {
        var fulfilment = await GrainFactory.GetGrain<IFulfilmentGrain>(GetPrimaryKeyString()).GetAsync();
        var shipped = ShippedAllocations(fulfilment);
        var errors = new FieldErrors();
        if (command.Lines.IsDefaultOrEmpty) errors.Add("lines", "required", "A return names at least one line.");
        var lines = new List<ReturnLine>();
        for (var i = 0; i < (command.Lines.IsDefault ? 0 : command.Lines.Length); i++)
        {
            var l = command.Lines[i];
            errors.Text($"lines[{i}].reason", l.Reason, OrderInput.MaxReasonLength);
            var shippedUnits = shipped.Where(a => a.LineId == l.LineId).Sum(a => a.Quantity);
            var returnedUnits = state.State.Returns.Where(r => r.Status != ReturnStatus.Rejected).SelectMany(r => r.Lines).Where(x => x.LineId == l.LineId).Sum(x => x.Quantity)
                                + lines.Where(x => x.LineId == l.LineId).Sum(x => x.Quantity);
            if (l.Quantity <= 0) errors.Add($"lines[{i}].quantity", "out-of-range", "quantity must be at least 1.");
            else if (l.Quantity > shippedUnits - returnedUnits)
                throw Refuse(FulfilmentErrorCodes.ReturnExceedsShipped,
                    $"Line {l.LineId}: {l.Quantity} to return, but {shippedUnits} shipped and {returnedUnits} already returned or requested.");
            var sku = shipped.FirstOrDefault(a => a.LineId == l.LineId);
            if (sku is not null) lines.Add(new ReturnLine { LineId = l.LineId, Sku = sku.Sku, Quantity = l.Quantity, Reason = l.Reason?.Trim() ?? "", WarehouseId = sku.WarehouseId });
        }

        var exchange = command.Exchange.IsDefault ? [] : command.Exchange;
        for (var i = 0; i < exchange.Length; i++)
        {
            errors.Add(TenantKeys.CheckReference(exchange[i].Sku, $"exchange[{i}].sku"));
            if (exchange[i].Quantity <= 0) errors.Add($"exchange[{i}].quantity", "out-of-range", "quantity must be at least 1.");
        }

        errors.ThrowIfAny();
        var id = $"r{state.State.Returns.Count + 1}";
        var request = new ReturnRequest
        {
            ReturnId = id, Status = ReturnStatus.Requested, Lines = [.. lines], Exchange = exchange, RequestedBy = command.Actor, RequestedAt = time.GetUtcNow(),
        };
        return state.State with { Returns = state.State.Returns.Add(request) };
    }, command.Actor, r => $"return {r.Returns[^1].ReturnId}: {string.Join(", ", r.Returns[^1].Lines.Select(l => $"{l.Quantity} × {l.Sku} ({l.Reason})"))}",
        r => new Step(AfterSalesKind.ReturnRequested, r.Returns[^1].ReturnId, null, r.Returns[^1].Lines.Sum(l => l.Quantity), 0m));

    public Task<AfterSalesSnapshot> DecideReturnAsync(DecideReturn command) => Run(command.Approve ? "approve-return" : "reject-return", command.Actor, command.ExpectedVersion, ManagerRoles, () =>
    {
        var request = FindReturn(command.ReturnId);
        if (request.Status != ReturnStatus.Requested)
            throw Refuse(FulfilmentErrorCodes.ReturnTransitionNotAllowed, $"Return {request.ReturnId} is {Lower(request.Status)}; only a requested return is approved or rejected.");
        if (!command.Approve && string.IsNullOrWhiteSpace(command.Reason)) throw ValidationFailedException.For("reason", "required", "A rejection needs a reason.");
        var decided = request with
        {
            Status = command.Approve ? ReturnStatus.Approved : ReturnStatus.Rejected, DecidedBy = command.Actor, DecisionReason = command.Reason,
        };
        return Task.FromResult(state.State with { Returns = state.State.Returns.Replace(request, decided) });
    }, command.Actor, _ => $"return {command.ReturnId} {(command.Approve ? "approved" : "rejected")}{(command.Reason is null ? "" : $": {command.Reason}")}",
        r => new Step(command.Approve ? AfterSalesKind.ReturnApproved : AfterSalesKind.ReturnRejected, command.ReturnId, null,
            r.Returns.Single(x => x.ReturnId == command.ReturnId).Lines.Sum(l => l.Quantity), 0m));

    public Task<AfterSalesSnapshot> ReceiveReturnAsync(ReceiveReturn command) => Run("receive-return", command.Actor, command.ExpectedVersion, WarehouseRoles, async () =>
    {
        var request = FindReturn(command.ReturnId);
        if (request.Status != ReturnStatus.Approved)
            throw Refuse(FulfilmentErrorCodes.ReturnTransitionNotAllowed, $"Return {request.ReturnId} is {Lower(request.Status)}; goods are received for an approved return.");
        var errors = new FieldErrors();
        foreach (var line in request.Lines)
        {
            var units = command.Lines.IsDefault ? 0 : command.Lines.Where(r => r.LineId == line.LineId).Sum(r => r.Quantity);
            if (units != line.Quantity) errors.Add("lines", "quantity-mismatch", $"Line {line.LineId}: {line.Quantity} expected, {units} received.");
        }

        errors.ThrowIfAny();
        var fulfilment = await GrainFactory.GetGrain<IFulfilmentGrain>(GetPrimaryKeyString()).GetAsync();
        var lines = new List<ReturnLine>();
        decimal writeOffCost = 0;
        foreach (var line in request.Lines)
        {
            var restock = command.Lines.Where(r => r.LineId == line.LineId && r.Disposition == ReturnDisposition.Restock).Sum(r => r.Quantity);
            var writeOff = line.Quantity - restock;
            if (restock > 0 && line.WarehouseId is { } wh)
                await GrainFactory.GetGrain<IWarehouseGrain>(TenantKeys.For(Key.TenantId, wh))
                    .RestockAsync(new RestockReturn(command.Actor, line.Sku, restock, $"{Key.Id}/{request.ReturnId}"));
            var unitCost = ShippedAllocations(fulfilment).FirstOrDefault(a => a.LineId == line.LineId)?.UnitCost ?? 0m;
            writeOffCost += writeOff * unitCost;
            lines.Add(line with { Restocked = restock, WrittenOff = writeOff });
        }

        var order = await GrainFactory.GetGrain<IOrderGrain>(GetPrimaryKeyString()).GetAsync();
        string? exchangeOrderId = null;
        if (!request.Exchange.IsEmpty) exchangeOrderId = await CreateExchangeOrderAsync(order, request, command.Actor);
        var received = request with
        {
            Status = ReturnStatus.Received, Lines = [.. lines], ReceivedAt = time.GetUtcNow(), ExchangeOrderId = exchangeOrderId,
            WriteOffCost = new Money(writeOffCost, order.Currency),
        };
        return state.State with { Returns = state.State.Returns.Replace(request, received) };
    }, command.Actor, s => $"return {command.ReturnId} received: {string.Join(", ", s.Returns.Single(r => r.ReturnId == command.ReturnId).Lines.Select(l => $"{l.Sku} {l.Restocked} restocked, {l.WrittenOff} written off"))}",
        r => new Step(AfterSalesKind.ReturnReceived, command.ReturnId, null, r.Returns.Single(x => x.ReturnId == command.ReturnId).Lines.Sum(l => l.Quantity), 0m));

    public Task<AfterSalesSnapshot> RequestRefundAsync(RequestRefund command) => Run("request-refund", command.Actor, command.ExpectedVersion, RefundRoles, async () =>
    {
        var order = await GrainFactory.GetGrain<IOrderGrain>(GetPrimaryKeyString()).GetAsync();
        var policy = await GrainFactory.GetGrain<IRefundPolicyGrain>(TenantKeys.ForTenant(Key.TenantId)).GetCurrentAsync();
        var errors = new FieldErrors();
        errors.Text("reason", command.Reason, OrderInput.MaxReasonLength);
        if (command.Amount is { } a) errors.Amount("amount", a);
        if (command.Amount is <= 0) errors.Add("amount", "out-of-range", "amount must be positive.");
        if (command.ReturnId is { } rid && state.State.Returns.All(r => r.ReturnId != rid)) errors.Add("returnId", FulfilmentErrorCodes.ReturnNotFound, $"No return {rid}.");
        errors.ThrowIfAny();
        var refundable = order.Totals.Total.Amount - Committed();
        var amount = command.Amount ?? refundable;
        if (amount <= 0 || amount > refundable)
            throw Refuse(FulfilmentErrorCodes.RefundExceedsLimit,
                $"A refund of {amount:0.00} {order.Currency} exceeds what is refundable: {refundable:0.00} of the order's {order.Totals.Total}.");
        var needsApproval = amount > policy.ApprovalThreshold;
        var now = time.GetUtcNow();
        var refund = new Refund
        {
            RefundId = $"f{state.State.Refunds.Count + 1}", Amount = new Money(amount, order.Currency), Reason = command.Reason.Trim(), ReturnId = command.ReturnId,
            Status = needsApproval ? RefundStatus.PendingApproval : RefundStatus.Refunded, RequestedBy = command.Actor, RequestedAt = now,
            DecidedAt = needsApproval ? null : now,
            ApprovalReason = needsApproval ? $"above the approval threshold of {policy.ApprovalThreshold:0.00}: needs the role {policy.ApproverRole}" : null,
        };
        return state.State with { Refunds = state.State.Refunds.Add(refund) };
    }, command.Actor, s => $"refund {s.Refunds[^1].RefundId} of {s.Refunds[^1].Amount} {(s.Refunds[^1].Status == RefundStatus.Refunded ? "refunded" : "waits for approval")}",
        r => new Step(r.Refunds[^1].Status == RefundStatus.Refunded ? AfterSalesKind.Refunded : AfterSalesKind.RefundRequested,
            r.Refunds[^1].ReturnId, r.Refunds[^1].RefundId, 0, r.Refunds[^1].Amount.Amount));

    public Task<AfterSalesSnapshot> DecideRefundAsync(DecideRefund command) => Run(command.Approve ? "approve-refund" : "reject-refund", command.Actor, command.ExpectedVersion, [], async () =>
    {
        var refund = state.State.Refunds.FirstOrDefault(r => r.RefundId == command.RefundId)
                     ?? throw new NotFoundException(FulfilmentErrorCodes.RefundNotFound, $"No refund {command.RefundId}.", "refundId");
        if (refund.Status != RefundStatus.PendingApproval)
            throw Refuse(FulfilmentErrorCodes.RefundTransitionNotAllowed, $"Refund {refund.RefundId} is {Lower(refund.Status)}; only a refund pending approval is decided.");
        var policy = await GrainFactory.GetGrain<IRefundPolicyGrain>(TenantKeys.ForTenant(Key.TenantId)).GetCurrentAsync();
        if (!command.Actor.HasRole(policy.ApproverRole) && !command.Actor.HasRole(OrderRoles.Admin))
            throw new ActionForbiddenException(ErrorCodes.ActionForbidden, $"{command.Actor.UserId} may not decide refunds: it needs the role {policy.ApproverRole}.");
        if (command.Actor.IsSameUserAs(refund.RequestedBy))
            throw new ActionForbiddenException(ErrorCodes.ActionForbidden, $"{command.Actor.UserId} requested refund {refund.RefundId} and cannot approve it too.");
        var decided = refund with { Status = command.Approve ? RefundStatus.Refunded : RefundStatus.Rejected, DecidedBy = command.Actor, DecidedAt = time.GetUtcNow() };
        return state.State with { Refunds = state.State.Refunds.Replace(refund, decided) };
    }, command.Actor, _ => $"refund {command.RefundId} {(command.Approve ? "approved and refunded" : "rejected")}",
        r => new Step(command.Approve ? AfterSalesKind.Refunded : AfterSalesKind.RefundRejected, r.Refunds.Single(x => x.RefundId == command.RefundId).ReturnId,
            command.RefundId, 0, r.Refunds.Single(x => x.RefundId == command.RefundId).Amount.Amount));

    public async Task<AfterSalesSnapshot> GetAsync() => await SnapshotAsync();

    /// <summary>Reports a previous activation wrote but could not deliver go to the order now (it ignores repeats).</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await ReportToOrderAsync(TimeSpan.FromSeconds(5));

    /// <summary>
    /// Sends the reports the order has not acknowledged, oldest first, and forgets them once sent. A failure leaves them
    /// for the next change or activation: the order recognises a repeat by its after-sales version.
    /// </summary>
    private async Task ReportToOrderAsync(TimeSpan? timeout)
    {
        var pending = state.State.PendingOrderReports;
        if (pending.IsEmpty) return;
        using var scope = timeout is { } t ? GrainCallContext.WithTimeout(t) : null;
        var order = GrainFactory.GetGrain<IOrderGrain>(GetPrimaryKeyString());
        var sent = 0;
        try
        {
            foreach (var report in pending)
            {
                await order.RecordAfterSalesAsync(report);
                sent++;
            }
        }
        catch (Exception e)
        {
            ReturnsLog.OrderReportFailed(logger, e, GetPrimaryKeyString(), pending[sent].AfterSalesVersion);
        }

        if (sent == 0) return;
        try
        {
            await WriteStateOrReloadAsync(state, state.State with { PendingOrderReports = state.State.PendingOrderReports.RemoveRange(0, sent) });
        }
        catch (Exception e)
        {
            // The order has them; sending them again later is harmless.
            ReturnsLog.OrderReportFailed(logger, e, GetPrimaryKeyString(), pending[sent - 1].AfterSalesVersion);
        }
    }

    /// <summary>The order's short view of its returns and refunds.</summary>
    private static OrderAfterSalesSummary SummaryOf(ReturnsState s) => new()
    {
        ReturnIds = [.. s.Returns.Select(r => r.ReturnId)],
        RefundIds = [.. s.Refunds.Select(r => r.RefundId)],
        ReturnedUnits = s.Returns.Where(r => r.Status == ReturnStatus.Received).Sum(r => r.Lines.Sum(l => l.Quantity)),
        PendingReturnUnits = s.Returns.Where(r => r.Status is ReturnStatus.Requested or ReturnStatus.Approved).Sum(r => r.Lines.Sum(l => l.Quantity)),
        RefundedAmount = s.Refunds.Where(r => r.Status == RefundStatus.Refunded).Sum(r => r.Amount.Amount),
    };

    /// <summary>An exchange is a new order of the replacement SKUs at no charge, id <c>{orderId}-x{n}</c>; creating it again returns it.</summary>
    private async Task<string> CreateExchangeOrderAsync(OrderSnapshot order, ReturnRequest request, Actor actor)
    {
        var id = $"{order.OrderId}-x{request.ReturnId[1..]}";
        if (id.Length > TenantKeys.MaxIdLength) id = $"x-{request.ReturnId}-{order.OrderId[..Math.Min(order.OrderId.Length, 50)]}";
        await GrainFactory.GetGrain<IOrderGrain>(TenantKeys.For(Key.TenantId, id)).CreateAsync(new CreateOrder
        {
            Actor = actor, Customer = order.Customer, Channel = order.Channel, Currency = order.Currency,
            Lines = [.. request.Exchange.Select(e => new NewOrderLine { Sku = e.Sku, Quantity = e.Quantity, UnitPrice = 0m })],
            ShippingAddress = order.ShippingAddress, BillingAddress = order.BillingAddress,
            Shipping = order.Shipping with { Price = 0m }, Tags = ["exchange"],
            Note = $"Exchange for return {request.ReturnId} of order {order.OrderId}.",
        });
        return id;
    }

    private static List<Allocation> ShippedAllocations(FulfilmentSnapshot f)
    {
        var shipped = f.Shipments.Where(s => s.Status is ShipmentStatus.Shipped or ShipmentStatus.Delivered).Select(s => s.ShipmentId).ToHashSet();
        return [.. f.Allocations.Where(a => a.ShipmentId is { } id && shipped.Contains(id))];
    }

    /// <summary>Refunded, or waiting for approval: both count against the limit.</summary>
    private decimal Committed() => state.State.Refunds.Where(r => r.Status != RefundStatus.Rejected).Sum(r => r.Amount.Amount);

    private ReturnRequest FindReturn(string id) => state.State.Returns.FirstOrDefault(r => r.ReturnId == id)
                                                 ?? throw new NotFoundException(FulfilmentErrorCodes.ReturnNotFound, $"No return {id}.", "returnId");

    private static string Lower<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();

    private OrderRuleViolationException Refuse(string code, string reason) => new(code, reason, state.State.Version);

    private async Task<AfterSalesSnapshot> SnapshotAsync()
    {
        var s = state.State;
        var order = await GrainFactory.GetGrain<IOrderGrain>(GetPrimaryKeyString()).GetAsync();
        var refunded = s.Refunds.Where(r => r.Status == RefundStatus.Refunded).Sum(r => r.Amount.Amount);
        return new AfterSalesSnapshot
        {
            TenantId = Key.TenantId, OrderId = Key.Id, Version = s.Version, Returns = [.. s.Returns], Refunds = [.. s.Refunds], History = [.. s.History],
            Refunded = new Money(refunded, order.Currency), Refundable = new Money(order.Totals.Total.Amount - Committed(), order.Currency),
        };
    }

    /// <summary>What a change reports to the order (see <see cref="RecordAfterSales"/>).</summary>
    private sealed record Step(AfterSalesKind Kind, string? ReturnId, string? RefundId, int Units, decimal Amount);

    /// <summary>
    /// Runs a change: envelope and role checks, the expected version (If-Match, checked in this turn so nothing lands in
    /// between), the body, then one write of the state with its history entry and the report the order still has to
    /// record; the report goes out after the write and again later if the order could not take it.
    /// </summary>
    private async Task<AfterSalesSnapshot> Run(string action, Actor actor, long? expectedVersion, ImmutableArray<string> roles, Func<Task<ReturnsState>> body, Actor who,
        Func<ReturnsState, string> describe, Func<ReturnsState, Step> step)
    {
        try
        {
            var errors = new FieldErrors();
            OrderInput.Actor(errors, actor);
            errors.ThrowIfAny();
            if (!OrderWorkflow.MayPerform(actor, roles))
                throw new ActionForbiddenException(ErrorCodes.ActionForbidden, $"{actor.UserId} may not {action}: it needs one of the roles {string.Join(", ", roles)}.");
            if (expectedVersion is { } expected && expected != state.State.Version)
                throw new VersionConflictException("after-sales record", expected, state.State.Version);
            var next = await body();
            var version = state.State.Version + 1;
            var entry = new AfterSalesEntry(version, time.GetUtcNow(), who.UserId, action, describe(next));
            var s = step(next);
            var report = new RecordAfterSales
            {
                Actor = who, AfterSalesVersion = version, Kind = s.Kind, ReturnId = s.ReturnId, RefundId = s.RefundId, Units = s.Units, Amount = s.Amount,
                Detail = entry.Detail, Summary = SummaryOf(next),
            };
            await WriteStateOrReloadAsync(state, next with
            {
                Version = version, History = next.History.Add(entry), PendingOrderReports = next.PendingOrderReports.Add(report),
            });
            await ReportToOrderAsync(timeout: null);

            return await SnapshotAsync();
        }
        catch (DomainException e)
        {
            ReturnsLog.Refused(logger, GetPrimaryKeyString(), action, e.Code, e.Message);
            throw;
        }
    }
}
