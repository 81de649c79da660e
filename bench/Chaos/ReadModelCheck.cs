namespace OrderCluster.Bench.Chaos;

/// <summary>
/// Every event reached every consumer, not only analytics: no consumer group gave an event up (<c>stream_dead_letter</c>
/// is empty), and the order search read model, which the order lists and the archive are served from, has a row for
/// every stored order at the order's own version. The read model is eventually consistent, so it is read again for a
/// while until it agrees.
/// </summary>
internal static class ReadModelCheck
{
    public const string Name = "every event reached the read models (no dead letters)";

    public static async Task RunAsync(ChaosFacts facts, ChaosStore store, TimeSpan patience, ChaosVerdict verdict, CancellationToken cancellationToken)
    {
        verdict.Start(Name);
        foreach (var (letter, count) in await store.DeadLettersAsync(cancellationToken))
            verdict.Violation(Name, $"{count} event(s) dead-lettered: {letter}");

        var waited = System.Diagnostics.Stopwatch.StartNew();
        List<string> behind;
        while (true)
        {
            var rows = await store.SearchRowVersionsAsync(facts.Ledger.Tenant, cancellationToken);
            behind = facts.StoredOrders.Where(o => rows.GetValueOrDefault(o.OrderId) != o.Version)
                .Select(o => $"order {o.OrderId} is at version {o.Version}, its search row at {(rows.TryGetValue(o.OrderId, out var v) ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}")
                .ToList();
            if (behind.Count == 0 || waited.Elapsed > patience) break;
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }

        foreach (var row in behind) verdict.Violation(Name, row);
        ChaosVerdict.Figure("read_model.rows_behind", behind.Count, "orders");
        ChaosVerdict.Figure("read_model.seconds_to_agree", behind.Count == 0 ? waited.Elapsed.TotalSeconds : -1, "s");
    }
}
