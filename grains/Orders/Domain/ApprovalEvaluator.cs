using System.Globalization;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>What approval rules read: the order's totals, channel and custom fields, and the customer's risk and thresholds.</summary>
internal sealed record ApprovalFacts(
    Money Total,
    decimal DiscountPercent,
    SalesChannel Channel,
    CustomerApprovalProfile Customer,
    IReadOnlyDictionary<string, CustomFieldValue> CustomFields);

/// <summary>The rules that matched, why, and the levels they ask for (in the policy's level order; empty: no approval).</summary>
internal sealed record ApprovalDecision(ImmutableArray<string> Rules, ImmutableArray<string> Reasons, ImmutableArray<ApprovalLevel> Levels)
{
    public bool Required => !Levels.IsEmpty;
}

/// <summary>Evaluates a workflow's approval rules over an order.</summary>
internal static class ApprovalEvaluator
{
    public static ApprovalDecision Evaluate(ApprovalPolicy policy, ApprovalFacts facts)
    {
        var rules = ImmutableArray.CreateBuilder<string>();
        var reasons = ImmutableArray.CreateBuilder<string>();
        var levels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in policy.Rules)
        {
            if (!Holds(rule.When, facts, out var why)) continue;
            rules.Add(rule.Id);
            reasons.Add($"{rule.Id}: {why}");
            levels.UnionWith(rule.Levels);
        }

        var ordered = policy.Levels.Where(l => levels.Contains(l.Name)).ToImmutableArray();
        return new ApprovalDecision(rules.ToImmutable(), reasons.ToImmutable(), ordered);
    }

    /// <summary>Whether <paramref name="condition"/> holds, and in words why (for the approval request and the review screen).</summary>
    public static bool Holds(ApprovalCondition condition, ApprovalFacts facts, out string why)
    {
        switch (condition)
        {
            case TotalAbove c:
                why = $"total {facts.Total} is above {Amount(c.Amount)}{(c.Currency is null ? "" : " " + c.Currency)}";
                return (c.Currency is null || c.Currency == facts.Total.Currency) && facts.Total.Amount > c.Amount;
            case ChannelIn c:
                why = $"channel is {facts.Channel.Kind}{(facts.Channel.MarketplaceName is { } m ? $" ({m})" : "")}";
                return c.Channels.Contains(facts.Channel.Kind)
                       && (c.Marketplaces.IsDefaultOrEmpty || c.Marketplaces.Contains(facts.Channel.MarketplaceName ?? "", StringComparer.OrdinalIgnoreCase));
            case CustomerRiskAtLeast c:
                why = $"customer risk is {facts.Customer.RiskLevel} (at least {c.Level})";
                return facts.Customer.RiskLevel >= c.Level;
            case DiscountAbove c:
                why = $"discount {Amount(facts.DiscountPercent)}% is above {Amount(c.Percent)}%";
                return facts.DiscountPercent > c.Percent;
            case ExceedsCustomerThreshold:
                var threshold = facts.Customer.ApprovalThresholds.FirstOrDefault(t => t.Currency == facts.Total.Currency);
                why = threshold is null ? "customer has no threshold" : $"total {facts.Total} is above the customer's threshold {threshold}";
                return threshold is not null && facts.Total.Amount > threshold.Amount;
            case CustomFieldMatches c:
                return CustomFieldHolds(c, facts, out why);
            case AllOf c:
                return Combine(c.Conditions, facts, all: true, out why);
            case AnyOf c:
                return Combine(c.Conditions, facts, all: false, out why);
            case NoneOf c:
                var any = Combine(c.Conditions, facts, all: false, out var inner);
                why = any ? inner : $"none of: {inner}";
                return !any;
            default:
                why = "unknown condition";
                return false;
        }
    }

    private static bool Combine(ImmutableArray<ApprovalCondition> conditions, ApprovalFacts facts, bool all, out string why)
    {
        var held = new List<string>();
        var failed = new List<string>();
        foreach (var condition in conditions)
        {
            if (Holds(condition, facts, out var reason)) held.Add(reason);
            else failed.Add(reason);
        }

        var result = all ? failed.Count == 0 && held.Count > 0 : held.Count > 0;
        why = string.Join(all ? " and " : " or ", result ? held : failed);
        return result;
    }

    private static bool CustomFieldHolds(CustomFieldMatches c, ApprovalFacts facts, out string why)
    {
        var present = facts.CustomFields.TryGetValue(c.Field, out var value);
        why = present ? $"{c.Field} is {value}" : $"{c.Field} is not set";
        switch (c.Comparison)
        {
            case CustomFieldComparison.IsSet:
                return present;
            case CustomFieldComparison.IsNotSet:
                return !present;
        }

        if (!present || c.Value is null || value!.Kind != c.Value.Kind) return c.Comparison == CustomFieldComparison.NotEqual && present;
        var order = Compare(value, c.Value);
        return c.Comparison switch
        {
            CustomFieldComparison.Equal => order == 0,
            CustomFieldComparison.NotEqual => order != 0,
            CustomFieldComparison.GreaterThan => order > 0,
            CustomFieldComparison.LessThan => order < 0,
            _ => false,
        };
    }

    private static int Compare(CustomFieldValue a, CustomFieldValue b) => a.Kind switch
    {
        CustomFieldValueKind.Number => a.Number!.Value.CompareTo(b.Number!.Value),
        CustomFieldValueKind.Boolean => a.Boolean!.Value.CompareTo(b.Boolean!.Value),
        CustomFieldValueKind.Date => a.Date!.Value.CompareTo(b.Date!.Value),
        _ => string.CompareOrdinal(a.Text, b.Text),
    };

    private static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
