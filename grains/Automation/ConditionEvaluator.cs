using System.Globalization;
using OrderCluster.GrainInterfaces.Automation;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Automation;

/// <summary>Evaluates a rule's condition over the order as it is now and the event that triggered it.</summary>
internal static class ConditionEvaluator
{
    public static bool Holds(AutomationCondition? condition, OrderSnapshot order, OrderEvent e)
    {
        if (condition is null) return true;
        if (condition.Field is { } field) return Leaf(field, condition.Operator, condition.Value ?? "", order, e);
        var all = condition.AllOf.IsDefaultOrEmpty || condition.AllOf.All(c => Holds(c, order, e));
        var any = condition.AnyOf.IsDefaultOrEmpty || condition.AnyOf.Any(c => Holds(c, order, e));
        return all && any;
    }

    private static bool Leaf(string field, ConditionOperator op, string value, OrderSnapshot order, OrderEvent e)
    {
        if (field == "order.tags") return op switch
        {
            ConditionOperator.Contains or ConditionOperator.Equals => order.Tags.Contains(value, StringComparer.OrdinalIgnoreCase),
            ConditionOperator.NotEquals => !order.Tags.Contains(value, StringComparer.OrdinalIgnoreCase),
            _ => false,
        };

        var actual = Value(field, order, e);
        if (actual is null) return op == ConditionOperator.NotEquals;
        var numeric = decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
                      & decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var b);
        return op switch
        {
            ConditionOperator.Equals => numeric ? a == b : string.Equals(actual, value, StringComparison.OrdinalIgnoreCase),
            ConditionOperator.NotEquals => numeric ? a != b : !string.Equals(actual, value, StringComparison.OrdinalIgnoreCase),
            ConditionOperator.GreaterThan => numeric && a > b,
            ConditionOperator.LessThan => numeric && a < b,
            ConditionOperator.Contains => actual.Contains(value, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>The text of a field, or null when the order has no such value.</summary>
    public static string? Value(string field, OrderSnapshot order, OrderEvent e) => field switch
    {
        "order.status" => order.Status,
        "order.priority" => order.Priority.ToString().ToLowerInvariant(),
        "order.total" => order.Totals.Total.Amount.ToString(CultureInfo.InvariantCulture),
        "order.channel" => order.Channel.Kind.ToString().ToLowerInvariant(),
        "order.currency" => order.Currency,
        "customer.id" => order.Customer.CustomerId,
        "event.type" => e.EventType,
        "event.to" => (e as OrderStatusChanged)?.To,
        _ when field.StartsWith("customFields.", StringComparison.Ordinal) && order.CustomFields.TryGetValue(field["customFields.".Length..], out var v) =>
            v.Text ?? v.Number?.ToString(CultureInfo.InvariantCulture) ?? v.Boolean?.ToString().ToLowerInvariant() ?? v.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => null,
    };
}
