namespace OrderCluster.Bench.Chaos;

/// <summary>
/// Every SLA timer that came due fired: no stored deadline due (or warning due) before the grace cut-off is still waiting,
/// and no durable timer of any grain is still in the table past its due time.
/// </summary>
internal static class SlaCheck
{
    public const string Name = "every due SLA timer fired";

    public static async Task RunAsync(ChaosFacts facts, ChaosStore store, ChaosVerdict verdict, CancellationToken cancellationToken)
    {
        verdict.Start(Name);
        var cutoff = facts.VerifiedAt - facts.Grace;
        var deadlines = facts.StoredOrders.SelectMany(o => o.Sla.Select(d => (o.OrderId, Deadline: d))).ToList();
        foreach (var (orderId, d) in deadlines)
        {
            if (d.DueAt < cutoff && d.Status is "Pending" or "Warned")
                verdict.Violation(Name, $"order {orderId} deadline {d.DeadlineId} was due at {d.DueAt:O} and is still {d.Status}");
            else if (d.WarnAt < cutoff && d.Status == "Pending")
                verdict.Violation(Name, $"order {orderId} deadline {d.DeadlineId} should have warned at {d.WarnAt:O} and is still Pending");
        }

        var (overdue, first) = await store.OverdueTimersAsync(facts.Grace, cancellationToken);
        foreach (var t in first) verdict.Violation(Name, $"durable timer {t.GrainType}/{t.GrainKey}/{t.Name} was due at {t.DueAt:O} and is still waiting");
        if (overdue > first.Count) verdict.Violation(Name, $"… and {overdue - first.Count} more overdue durable timers");

        ChaosVerdict.Figure("sla.deadlines", deadlines.Count, "deadlines");
        ChaosVerdict.Figure("sla.deadlines_due", deadlines.Count(x => x.Deadline.DueAt < cutoff), "deadlines");
        ChaosVerdict.Figure("sla.breached", deadlines.Count(x => x.Deadline.Status == "Breached"), "deadlines");
        ChaosVerdict.Figure("sla.met", deadlines.Count(x => x.Deadline.Status == "Met"), "deadlines");
        ChaosVerdict.Figure("sla.timers_overdue", overdue, "timers");
    }
}
