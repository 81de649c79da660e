using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.FulfilmentData;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Fulfilment;

/// <summary>
/// Allocation and shipments on a tenant workflow whose statuses are named otherwise (cleared, reserved, in-pick, boxed,
/// dispatched, handed-over, paused, voided): fulfilment reads the statuses through the workflow (the approved state, each
/// state's fulfilment stage, the hold state), not through the default workflow's names.
/// </summary>
public sealed class CustomWorkflowFulfilmentTests : DomainStorageTests
{
    private const string Tenant = "acme";

    private static readonly Dictionary<string, (string Name, FulfilmentStage? Stage)> Renamed = new()
    {
        ["approved"] = ("cleared", null), ["allocated"] = ("reserved", FulfilmentStage.Allocated), ["picking"] = ("in-pick", FulfilmentStage.Picking),
        ["packed"] = ("boxed", FulfilmentStage.Packed), ["shipped"] = ("dispatched", FulfilmentStage.Shipped),
        ["delivered"] = ("handed-over", FulfilmentStage.Delivered), ["on-hold"] = ("paused", null), ["cancelled"] = ("voided", null),
    };

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    private static string R(string name) => Renamed.TryGetValue(name, out var to) ? to.Name : name;

    private async Task PublishRenamedWorkflowAsync()
    {
        var d = await Workflows.DefaultAsync(Grains, Tenant);
        await Grains.Workflows(Tenant).PublishAsync(new PublishWorkflow
        {
            Actor = Admin,
            Definition = d with
            {
                InitialState = R(d.InitialState),
                States = [.. d.States.Select(s => s with { Name = R(s.Name), Stage = Renamed.TryGetValue(s.Name, out var to) ? to.Stage : null })],
                Transitions = [.. d.Transitions.Select(t => t with { From = [.. t.From.Select(R)], To = R(t.To) })],
                Approval = d.Approval with
                {
                    TriggerState = R(d.Approval.TriggerState), PendingState = R(d.Approval.PendingState),
                    ApprovedState = R(d.Approval.ApprovedState), RejectedState = R(d.Approval.RejectedState),
                },
                Hold = d.Hold with { State = R(d.Hold.State), From = [.. d.Hold.From.Select(R)] },
                EditableStates = [.. d.EditableStates.Select(R)],
            },
        });
    }

    [Fact]
    public async Task Allocation_and_shipments_move_the_order_through_the_statuses_of_its_own_workflow()
    {
        await PublishRenamedWorkflowAsync();
        var main = await Grains.StockedWarehouseAsync(Tenant, "main", Site("Main"), ("SKU-1", 10), ("SKU-2", 10), ("SKU-3", 10));
        await main.SetUnitCostAsync(new SetUnitCost(Admin, "SKU-1", 4m, Now.AddDays(-1)));
        var order = Grains.Order(Tenant, "o-1");
        await order.CreateAsync(Order());
        var fulfilment = Grains.Fulfilment(Tenant, "o-1");

        var cleared = (await order.GetAsync()).Status;
        await fulfilment.AllocateAsync(new AllocateOrder(Warehouse));
        var allocated = (await order.GetAsync()).Status;
        await fulfilment.CreateShipmentsAsync(new CreateShipments(Warehouse));
        var statuses = new List<string>();
        foreach (var action in new[] { "pick", "pack", "ship", "deliver" })
        {
            await fulfilment.AdvanceShipmentAsync(new AdvanceShipment(Warehouse, "s1", action, "DHL", "TRK-1"));
            statuses.Add((await order.GetAsync()).Status);
        }

        Assert.Equal(("cleared", "reserved"), (cleared, allocated));
        Assert.Equal(["in-pick", "boxed", "dispatched", "handed-over"], statuses);
        Assert.Equal(4m, (await order.GetAsync()).Lines.Single(l => l.Sku == "SKU-1").UnitCost);
    }

    [Fact]
    public async Task An_order_in_the_workflows_hold_state_or_before_its_approved_state_is_not_fulfilled()
    {
        await PublishRenamedWorkflowAsync();
        await Grains.StockedWarehouseAsync(Tenant, "main", Site("Main"), ("SKU-1", 10), ("SKU-2", 10), ("SKU-3", 10));
        await Grains.Order(Tenant, "draft").CreateAsync(Order() with { Place = false });
        await Grains.Order(Tenant, "o-1").CreateAsync(Order());
        await Grains.Fulfilment(Tenant, "o-1").AllocateAsync(new AllocateOrder(Warehouse));
        await Grains.Fulfilment(Tenant, "o-1").CreateShipmentsAsync(new CreateShipments(Warehouse));
        await Grains.Order(Tenant, "o-1").PerformActionAsync(Action("hold", Manager, "address check"));

        var early = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Grains.Fulfilment(Tenant, "draft").AllocateAsync(new AllocateOrder(Warehouse)));
        var held = await Assert.ThrowsAsync<OrderRuleViolationException>(() =>
            Grains.Fulfilment(Tenant, "o-1").AdvanceShipmentAsync(new AdvanceShipment(Warehouse, "s1", "pick", null, null)));

        Assert.Equal(FulfilmentErrorCodes.OrderNotAllocatable, early.Code);
        Assert.Equal(FulfilmentErrorCodes.ShipmentTransitionNotAllowed, held.Code);
        Assert.Contains("paused", held.Message);
        Assert.Equal("paused", (await Grains.Order(Tenant, "o-1").GetAsync()).Status);
    }
}
