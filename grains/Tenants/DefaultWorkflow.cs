using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Tenants;
using static OrderCluster.GrainInterfaces.Tenants.DefaultWorkflowNames;

namespace OrderCluster.Grains.Tenants;

/// <summary>
/// The built-in workflow, version 1 of every tenant until it publishes its own:
/// draft → placed → (pending-approval →) approved → allocated → picking → packed → shipped → delivered → closed,
/// with on-hold (resumable to the previous state) and cancelled. Placing evaluates approval: large orders,
/// discounts above 20 %, high-risk customers and orders above the customer's own threshold need a manager; very
/// large orders a manager, then finance. A rejected order is cancelled.
/// </summary>
internal static class DefaultWorkflow
{
    public static WorkflowDefinition Definition { get; } = Create();

    private static WorkflowDefinition Create()
    {
        ImmutableArray<string> operations = [OrderRoles.OrderManager, OrderRoles.Admin];
        ImmutableArray<string> warehouse = [OrderRoles.Warehouse, OrderRoles.OrderManager, OrderRoles.Admin];
        return new WorkflowDefinition
        {
            Name = "default",
            Version = 1,
            InitialState = Draft,
            PlaceAction = Place,
            States =
            [
                State(Draft), State(Placed), State(PendingApproval), State(Approved), State(Allocated), State(Picking),
                State(Packed), State(Shipped), State(Delivered), State(Closed, terminal: true), State(OnHold),
                State(Cancelled, terminal: true, cancellation: true),
            ],
            Transitions =
            [
                Move(Place, [Draft], Placed),
                Move(Allocate, [Approved], Allocated, warehouse),
                Move(StartPicking, [Allocated], Picking, warehouse),
                Move(Pack, [Picking], Packed, warehouse),
                Move(Ship, [Packed], Shipped, warehouse),
                Move(Deliver, [Shipped], Delivered, warehouse),
                Move(Close, [Delivered], Closed, operations),
                Move(Cancel, [Draft, Placed, PendingApproval, Approved, Allocated, Picking, OnHold], Cancelled, operations, reason: true),
            ],
            Approval = new ApprovalPolicy
            {
                TriggerState = Placed,
                PendingState = PendingApproval,
                ApprovedState = Approved,
                RejectedState = Cancelled,
                Levels = [new ApprovalLevel { Name = "manager", Role = OrderRoles.OrderManager }, new ApprovalLevel { Name = "finance", Role = OrderRoles.Finance }],
                Rules =
                [
                    Rule("large-order", "Orders above 10,000 need a manager.", new TotalAbove { Amount = 10_000m }, "manager"),
                    Rule("very-large-order", "Orders above 50,000 need a manager, then finance.", new TotalAbove { Amount = 50_000m }, "manager", "finance"),
                    Rule("deep-discount", "Discounts above 20 % need a manager.", new DiscountAbove { Percent = 20m }, "manager"),
                    Rule("high-risk-customer", "Customers of high risk need a manager.", new CustomerRiskAtLeast { Level = CustomerRiskLevel.High }, "manager"),
                    Rule("customer-threshold", "Orders above the customer's own threshold need a manager.", new ExceedsCustomerThreshold(), "manager"),
                ],
            },
            Hold = new HoldPolicy
            {
                State = OnHold,
                HoldAction = Hold,
                ResumeAction = Resume,
                From = [PendingApproval, Approved, Allocated, Picking, Packed],
                Roles = operations,
            },
            EditableStates = [Draft, Placed, PendingApproval, Approved],
        };
    }

    private static WorkflowState State(string name, bool terminal = false, bool cancellation = false) =>
        new() { Name = name, IsTerminal = terminal, IsCancellation = cancellation };

    private static WorkflowTransition Move(string action, ImmutableArray<string> from, string to, ImmutableArray<string> roles = default, bool reason = false) =>
        new() { Action = action, From = from, To = to, Roles = roles.IsDefault ? [] : roles, RequiresReason = reason };

    private static ApprovalRule Rule(string id, string description, ApprovalCondition when, params string[] levels) =>
        new() { Id = id, Description = description, When = when, Levels = [.. levels] };
}
