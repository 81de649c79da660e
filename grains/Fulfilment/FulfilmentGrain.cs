using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Fulfilment.Sourcing;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Fulfilment;

/// <summary>
/// The fulfilment of one order, keyed <c>{tenant}/{orderId}</c> (the order's own key). It calls the order and the
/// warehouses; the order only ever schedules a release here (an interleaving call), so no call cycle can wait on
/// itself. This file holds allocation and shipments; release and the order sync live in the other parts.
/// </summary>
internal sealed partial class FulfilmentGrain(
    [PersistentState("fulfilment")] IPersistentState<FulfilmentState> state,
    TimeProvider time,
    ILogger<FulfilmentGrain> logger) : Grain, IFulfilmentGrain
{
    /// <summary>Roles that may allocate and move shipments (as the workflow's allocate, pick, pack, ship and deliver).</summary>
    private static readonly ImmutableArray<string> Roles = [OrderRoles.Warehouse, OrderRoles.OrderManager, OrderRoles.Admin];

    /// <summary>The order's workflow (its version), read with the order: status names come from it (see <see cref="WorkflowStages"/>).</summary>
    private WorkflowDefinition? _workflow;

    private TenantKey Key => TenantKeys.Parse(GetPrimaryKeyString(), "orderId");

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await SyncOrderAsync(TimeSpan.FromSeconds(5));

    public Task<FulfilmentSnapshot> AllocateAsync(AllocateOrder command) => Run("allocate", command.Actor, command.ExpectedVersion, async () =>
    {
        var order = await ReadOrderAsync();
        if (!WorkflowStages.AllowsAllocation(_workflow!, order.Status))
            throw Refuse(FulfilmentErrorCodes.OrderNotAllocatable, $"Order {order.OrderId} is {order.Status}; stock is allocated once it is approved.");
        var current = WithOrder(state.State, order);
        var needed = FulfilmentProgress.Unallocated(current).Where(n => n.Value > 0).ToList();
        if (needed.Count == 0) throw Refuse(FulfilmentErrorCodes.AlreadyAllocated, $"Every unit of order {order.OrderId} is allocated already.");

        var lines = needed.Select(n => new SourcingLine(n.Key, current.Lines.Single(l => l.LineId == n.Key).Sku, n.Value)).ToList();
        var plan = SourcingPlanner.Plan(lines, order.ShippingAddress, await AvailabilityAsync(lines), await Tenant<ISourcingRulesGrain>().GetCurrentAsync());
        if (!plan.Unfillable.IsEmpty)
            throw Refuse(FulfilmentErrorCodes.OrderNotAllocatable, $"{plan.Summary} Short: {string.Join(", ", plan.Unfillable.Select(u => $"{u.LineId} {u.Quantity} × {u.Sku}"))}.");

        var (allocations, lost) = await ReserveAsync(current, plan);
        var backorders = plan.Backorders.Select(b => new Backorder(b.LineId, b.Sku, b.Quantity, b.Reason)).Concat(lost).ToImmutableArray();
        var next = current with
        {
            Allocations = current.Allocations.AddRange(allocations),
            AllocationsIssued = current.AllocationsIssued + plan.Allocations.Length,
            Backorders = backorders,
            LastPlan = plan,
        };
        await CommitAsync("allocate", next);
        FulfilmentLog.Allocated(logger, GetPrimaryKeyString(), allocations.Sum(a => a.Quantity), allocations.Select(a => a.WarehouseId).Distinct().Count(),
            backorders.Sum(b => b.Quantity), plan.Summary);
        return Snapshot();
    });

    public Task<FulfilmentSnapshot> CreateShipmentsAsync(CreateShipments command) => Run("create-shipments", command.Actor, command.ExpectedVersion, async () =>
    {
        var order = await ReadOrderAsync();
        RequireOrderMoving(order);
        var current = WithOrder(state.State, order);
        var open = FulfilmentProgress.Active(current).Where(a => a.ShipmentId is null).ToList();
        if (open.Count == 0) throw Refuse(FulfilmentErrorCodes.NothingAllocated, "No allocated units wait for a shipment.");

        var issued = current.ShipmentsIssued;
        var now = time.GetUtcNow();
        var shipments = new List<Shipment>();
        var allocations = current.Allocations;
        foreach (var group in open.GroupBy(a => a.WarehouseId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var id = $"s{++issued}";
            shipments.Add(new Shipment
            {
                ShipmentId = id, WarehouseId = group.Key, Status = ShipmentStatus.Pending, CreatedAt = now,
                Lines = [.. group.Select(a => new ShipmentLine(a.AllocationId, a.LineId, a.Sku, a.Quantity))],
            });
            foreach (var a in group) allocations = allocations.Replace(a, a with { ShipmentId = id });
        }

        await CommitAsync("create-shipments", current with { Allocations = allocations, Shipments = current.Shipments.AddRange(shipments), ShipmentsIssued = issued });
        return Snapshot();
    });

    public Task<FulfilmentSnapshot> AdvanceShipmentAsync(AdvanceShipment command) => Run($"shipment-{command.Action}", command.Actor, command.ExpectedVersion, async () =>
    {
        var order = await ReadOrderAsync();
        RequireOrderMoving(order);
        var current = WithOrder(state.State, order);
        var shipment = current.Shipments.FirstOrDefault(s => s.ShipmentId == command.ShipmentId)
                       ?? throw new NotFoundException(FulfilmentErrorCodes.ShipmentNotFound, $"Order {order.OrderId} has no shipment {command.ShipmentId}.", "shipmentId");
        var to = ShipmentTransitions.Next(shipment, command.Action, current.Version);
        var errors = new FieldErrors();
        if (to == ShipmentStatus.Shipped)
        {
            errors.Text("carrier", command.Carrier, 100);
            errors.Text("trackingNumber", command.TrackingNumber, 100);
        }

        if (to == ShipmentStatus.Cancelled) errors.Text("reason", command.Reason, OrderInput.MaxReasonLength);
        errors.ThrowIfAny();

        var now = time.GetUtcNow();
        var warehouse = GrainFactory.GetGrain<IWarehouseGrain>(TenantKeys.For(Key.TenantId, shipment.WarehouseId));
        var allocations = current.Allocations;
        if (to == ShipmentStatus.Shipped)
            foreach (var line in shipment.Lines) await warehouse.DispatchAsync(new DispatchReservation(Key.Id, ReservationLine(line.LineId, line.AllocationId), line.Quantity));
        if (to == ShipmentStatus.Cancelled)
        {
            // The units go back to stock and to "unallocated": allocating again sources them afresh.
            foreach (var line in shipment.Lines)
                await warehouse.ReleaseAsync(new ReleaseReservation(Key.Id, ReservationLine(line.LineId, line.AllocationId), $"shipment cancelled: {command.Reason}"));
            allocations = [.. allocations.Select(a => a.ShipmentId == shipment.ShipmentId ? a with { Released = true } : a)];
        }

        var moved = shipment with
        {
            Status = to,
            Carrier = to == ShipmentStatus.Shipped ? command.Carrier!.Trim() : shipment.Carrier,
            TrackingNumber = to == ShipmentStatus.Shipped ? command.TrackingNumber!.Trim() : shipment.TrackingNumber,
            ShippedAt = to == ShipmentStatus.Shipped ? now : shipment.ShippedAt,
            DeliveredAt = to == ShipmentStatus.Delivered ? now : shipment.DeliveredAt,
            CancelReason = to == ShipmentStatus.Cancelled ? command.Reason : shipment.CancelReason,
        };
        await CommitAsync($"shipment-{command.Action}", current with { Shipments = current.Shipments.Replace(shipment, moved), Allocations = allocations });
        return Snapshot();
    });

    public Task<FulfilmentSnapshot> GetAsync() => Task.FromResult(Snapshot());

    /// <summary>
    /// Reserves the planned allocations, one call (and one warehouse write) per warehouse for all its lines; units another
    /// order took meanwhile become backorders, line by line.
    /// </summary>
    private async Task<(List<Allocation> Reserved, List<Backorder> Lost)> ReserveAsync(FulfilmentState current, SourcingPlan plan)
    {
        var reserved = new List<Allocation>();
        var lost = new List<Backorder>();
        var issued = current.AllocationsIssued;
        // Allocation ids follow the plan's order whatever the grouping, so a retried allocation names the same reservations.
        var numbered = plan.Allocations.Select(p => (Planned: p, Id: $"a{++issued}")).ToList();
        foreach (var group in numbered.GroupBy(n => n.Planned.WarehouseId))
        {
            var warehouse = GrainFactory.GetGrain<IWarehouseGrain>(TenantKeys.For(Key.TenantId, group.Key));
            var lines = group.ToList();
            var results = await warehouse.ReserveManyAsync(new ReserveStockLines(Key.Id,
                [.. lines.Select(n => new ReserveLine(ReservationLine(n.Planned.LineId, n.Id), n.Planned.Sku, n.Planned.Quantity))]));
            foreach (var ((planned, id), line) in lines.Zip(results))
            {
                if (line.Result is not { } result)
                {
                    FulfilmentLog.ReservationLostRace(logger, GetPrimaryKeyString(), planned.Sku, planned.WarehouseId);
                    lost.Add(new Backorder(planned.LineId, planned.Sku, planned.Quantity, $"{planned.WarehouseId} could not reserve it: {line.Reason}"));
                    continue;
                }

                reserved.Add(new Allocation
                {
                    AllocationId = id, LineId = planned.LineId, Sku = planned.Sku, WarehouseId = planned.WarehouseId, Quantity = planned.Quantity,
                    UnitCost = result.Reservation.UnitCost, CostCurrency = result.Reservation.CostCurrency, DispatchDate = result.Reservation.DispatchDate,
                    Reason = planned.Reason, AllocatedAt = time.GetUtcNow(),
                });
            }
        }

        // Allocations stay in the plan's order, as when they were reserved one by one.
        var order = numbered.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
        reserved.Sort((a, b) => order[a.AllocationId].CompareTo(order[b.AllocationId]));
        return (reserved, lost);
    }

    private async Task<List<WarehouseAvailability>> AvailabilityAsync(IReadOnlyList<SourcingLine> lines)
    {
        var skus = lines.Select(l => l.Sku).Distinct().ToImmutableArray();
        var ids = await Tenant<IWarehouseDirectoryGrain>().ListAsync(activeOnly: true);
        return [.. await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IWarehouseGrain>(TenantKeys.For(Key.TenantId, id)).GetAvailabilityAsync(skus)))];
    }

    /// <summary>The reservation key within a warehouse: the line and the allocation, so a line can hold stock there more than once.</summary>
    private static string ReservationLine(string lineId, string allocationId) => $"{lineId}.{allocationId}";

    private T Tenant<T>() where T : IGrainWithStringKey => GrainFactory.GetGrain<T>(TenantKeys.ForTenant(Key.TenantId));

    private async Task<OrderSnapshot> ReadOrderAsync()
    {
        var order = await GrainFactory.GetGrain<IOrderGrain>(GetPrimaryKeyString()).GetAsync();
        if (_workflow?.Version != order.WorkflowVersion) _workflow = await Tenant<IWorkflowDefinitionsGrain>().GetVersionAsync(order.WorkflowVersion);
        return order;
    }

    private void RequireOrderMoving(OrderSnapshot order)
    {
        if (WorkflowStages.IsStopped(_workflow!, order.Status))
            throw Refuse(FulfilmentErrorCodes.ShipmentTransitionNotAllowed, $"Order {order.OrderId} is {order.Status}: its shipments cannot move.");
    }

    private static FulfilmentState WithOrder(FulfilmentState s, OrderSnapshot order) => s with { Lines = order.Lines, Currency = order.Currency };

    private OrderRuleViolationException Refuse(string code, string reason) => new(code, reason, state.State.Version);

    /// <summary>
    /// Checks the actor, its roles and If-Match (<paramref name="expectedVersion"/>), then runs the command. The version
    /// check sits in the same turn as the commit, so of many writers holding one ETag exactly one gets through.
    /// </summary>
    private async Task<FulfilmentSnapshot> Run(string action, Actor actor, long? expectedVersion, Func<Task<FulfilmentSnapshot>> body)
    {
        try
        {
            var errors = new FieldErrors();
            OrderInput.Actor(errors, actor);
            errors.ThrowIfAny();
            if (!OrderWorkflow.MayPerform(actor, Roles))
                throw new ActionForbiddenException(ErrorCodes.ActionForbidden, $"{actor.UserId} may not {action}: it needs one of the roles {string.Join(", ", Roles)}.");
            if (expectedVersion is { } expected && expected != state.State.Version)
                throw new VersionConflictException("fulfilment", expected, state.State.Version);
            return await body();
        }
        catch (DomainException e)
        {
            FulfilmentLog.Refused(logger, GetPrimaryKeyString(), action, e.Code, e.Message);
            throw;
        }
    }
}
