namespace OrderCluster.Grains.Orders;

/// <summary>
/// The durable timers an order's SLA deadlines need: <c>sla:{deadlineId}:due</c> for each running deadline and
/// <c>sla:{deadlineId}:warn</c> while it has not warned yet. A change registers what is new or moved before its
/// state commits (a timer without a deadline in state is a no-op when it fires) and removes what ended after.
/// </summary>
internal static class SlaTimers
{
    private const string Prefix = "sla:";
    private const string DueSuffix = ":due";
    private const string WarnSuffix = ":warn";

    public sealed record Plan(IReadOnlyList<(string Name, DateTimeOffset DueAt)> Register, IReadOnlyList<string> Unregister);

    public static Plan Between(OrderState before, OrderState after)
    {
        if (before.Sla.Equals(after.Sla)) return new Plan([], []);
        var old = Desired(before);
        var now = Desired(after);
        var register = now.Where(t => !old.TryGetValue(t.Key, out var due) || due != t.Value).Select(t => (t.Key, t.Value)).ToList();
        var unregister = old.Keys.Where(name => !now.ContainsKey(name)).ToList();
        return new Plan(register, unregister);
    }

    public static Dictionary<string, DateTimeOffset> Desired(OrderState order)
    {
        var timers = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var deadline in order.Sla.Where(d => d.IsActive))
        {
            timers[Prefix + deadline.DeadlineId + DueSuffix] = deadline.DueAt;
            if (deadline.Status == GrainInterfaces.Orders.SlaStatus.Pending && deadline.WarnAt < deadline.DueAt)
                timers[Prefix + deadline.DeadlineId + WarnSuffix] = deadline.WarnAt;
        }

        return timers;
    }

    public static bool TryParse(string name, out string deadlineId, out bool warning)
    {
        deadlineId = "";
        warning = name.EndsWith(WarnSuffix, StringComparison.Ordinal);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !(warning || name.EndsWith(DueSuffix, StringComparison.Ordinal))) return false;
        deadlineId = name[Prefix.Length..^(warning ? WarnSuffix.Length : DueSuffix.Length)];
        return deadlineId.Length > 0;
    }
}
