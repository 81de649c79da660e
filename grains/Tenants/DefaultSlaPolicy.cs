using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using static OrderCluster.GrainInterfaces.Tenants.DefaultWorkflowNames;

namespace OrderCluster.Grains.Tenants;

/// <summary>
/// The built-in SLA policy, version 1 of every tenant until it publishes its own: approve within 2 h (1 h high,
/// 30 min urgent); ship within 24 h of placing (8 h high, 4 h urgent, 48 h low). Warnings at 80 %; a breach escalates
/// one priority level and notifies order managers.
/// </summary>
internal static class DefaultSlaPolicy
{
    public const string Approval = "approval";
    public const string Shipping = "shipping";

    public static SlaPolicy Policy { get; } = new()
    {
        Version = 1,
        WarningFraction = 0.8,
        EscalateOnBreach = true,
        NotifyRole = OrderRoles.OrderManager,
        Rules =
        [
            Rule(Approval, PendingApproval, [Approved], TimeSpan.FromMinutes(30), OrderPriority.Urgent),
            Rule(Approval, PendingApproval, [Approved], TimeSpan.FromHours(1), OrderPriority.High),
            Rule(Approval, PendingApproval, [Approved], TimeSpan.FromHours(2)),
            Rule(Shipping, Placed, [Shipped, Delivered, Closed], TimeSpan.FromHours(4), OrderPriority.Urgent),
            Rule(Shipping, Placed, [Shipped, Delivered, Closed], TimeSpan.FromHours(8), OrderPriority.High),
            Rule(Shipping, Placed, [Shipped, Delivered, Closed], TimeSpan.FromHours(48), OrderPriority.Low),
            Rule(Shipping, Placed, [Shipped, Delivered, Closed], TimeSpan.FromHours(24)),
        ],
    };

    private static SlaRule Rule(string kind, string start, ImmutableArray<string> met, TimeSpan within, params OrderPriority[] priorities) =>
        new() { Kind = kind, StartState = start, MetStates = met, Within = within, Priorities = [.. priorities] };
}
