namespace OrderCluster.Bench.Chaos;

/// <summary>Every acknowledged order exists exactly once; every order's audit trail accounts for every change and every acknowledged command.</summary>
internal static class OrderChecks
{
    public const string ExactlyOnce = "acknowledged orders exist exactly once";
    public const string AuditComplete = "audit trails complete";
    private const string FulfilmentAction = "fulfilment";

    public static void CheckExactlyOnce(ChaosFacts facts, ChaosVerdict verdict)
    {
        verdict.Start(ExactlyOnce);
        var ledger = facts.Ledger;
        foreach (var key in ledger.KeysAnsweredTwice) verdict.Violation(ExactlyOnce, $"Idempotency-Key {key} was acknowledged with two different order ids");

        var stored = facts.StoredOrders.ToDictionary(o => o.OrderId, StringComparer.Ordinal);
        foreach (var (key, orderId) in ledger.Orders)
        {
            if (!stored.ContainsKey(orderId)) verdict.Violation(ExactlyOnce, $"order {orderId} (key {key}) was acknowledged but is not in grain_state");
            if (facts.ApiOrders.GetValueOrDefault(orderId) is null) verdict.Violation(ExactlyOnce, $"order {orderId} (key {key}) was acknowledged but GET /orders/{{id}} answers 404");
        }

        // The marketplace's own order id is unique per order sent: two stored orders with one id are a duplicate.
        var duplicates = facts.StoredOrders.Where(o => o.ExternalReference is not null).GroupBy(o => o.ExternalReference!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1).ToList();
        foreach (var group in duplicates)
            verdict.Violation(ExactlyOnce, $"marketplace order {group.Key} is stored {group.Count()} times: {string.Join(", ", group.Select(o => o.OrderId))}");

        var acked = ledger.Orders.Values.ToHashSet(StringComparer.Ordinal);
        ChaosVerdict.Figure("orders.acknowledged", acked.Count, "orders");
        ChaosVerdict.Figure("orders.stored", stored.Count, "orders");
        // Created, but the answer never reached the integration before it gave up: allowed (nothing was promised), counted.
        ChaosVerdict.Figure("orders.stored_not_acknowledged", stored.Keys.Count(id => !acked.Contains(id)), "orders");
        ChaosVerdict.Figure("orders.duplicated", duplicates.Count, "orders");
    }

    public static void CheckAuditTrails(ChaosFacts facts, ChaosVerdict verdict)
    {
        verdict.Start(AuditComplete);
        var stored = facts.StoredOrders.ToDictionary(o => o.OrderId, StringComparer.Ordinal);
        foreach (var order in facts.StoredOrders)
        {
            // One entry per committed version, numbered without gaps, the first one the creation.
            var sequences = order.Audit.Select(a => a.Sequence).ToList();
            if (!sequences.SequenceEqual(Enumerable.Range(1, sequences.Count).Select(i => (long)i)) || sequences.Count != order.Version)
                verdict.Violation(AuditComplete, $"order {order.OrderId} is at version {order.Version} but its audit sequences are [{Shorten(sequences)}]");
            if (order.Audit.Count > 0 && order.Audit[0].Action != "create")
                verdict.Violation(AuditComplete, $"order {order.OrderId}'s first audit entry is '{order.Audit[0].Action}', not 'create'");
            var lastStatus = order.Audit.LastOrDefault(a => a.StatusAfter is not null)?.StatusAfter;
            if (lastStatus != order.Status)
                verdict.Violation(AuditComplete, $"order {order.OrderId} is {order.Status}, but its audit trail last moved it to {lastStatus ?? "nothing"}");
        }

        // Every acknowledged command is accounted for: one whose answer named the order's status afterwards (cancel, hold,
        // resume) by an entry moving the order there; a fulfilment command (its answer is the fulfilment's, not the order's)
        // by the order's fulfilment entries, which record each change fulfilment made to the order.
        var unaccounted = 0;
        foreach (var command in facts.Ledger.Commands)
        {
            if (!stored.TryGetValue(command.OrderId, out var order)) continue; // reported by the exactly-once check
            var accounted = command.Status is { } status
                ? order.Audit.Any(a => a.StatusAfter == status)
                : order.Audit.Any(a => a.Action == FulfilmentAction);
            if (accounted) continue;
            unaccounted++;
            verdict.Violation(AuditComplete, command.Status is null
                ? $"'{command.Command}' on order {command.OrderId} was acknowledged, but the order's audit trail has no fulfilment entry"
                : $"'{command.Command}' on order {command.OrderId} was acknowledged with status {command.Status}, but no audit entry moved the order there");
        }

        ChaosVerdict.Figure("audit.entries", facts.StoredOrders.Sum(o => o.Audit.Count), "entries");
        ChaosVerdict.Figure("audit.commands_acknowledged", facts.Ledger.Commands.Count, "commands");
        ChaosVerdict.Figure("audit.commands_unaccounted", unaccounted, "commands");
    }

    private static string Shorten(List<long> sequences) =>
        sequences.Count <= 12 ? string.Join(",", sequences) : string.Join(",", sequences.Take(12)) + $",… ({sequences.Count})";
}
