using OrderCluster.Bench.Intake;

namespace OrderCluster.Bench.Load;

/// <summary>
/// After the run: exactly one order per acknowledged Idempotency-Key. Every key's answers named one order id, no two keys
/// share one, and the run's orders listed by tag are those, each once. The list is the search read model, which is
/// eventually consistent, so it is read again until it has caught up (at most five minutes: after silos were killed it lags). An order listed that no answer named
/// is allowed only as often as creates were given up (the order may exist, its acknowledgement was lost).
/// </summary>
internal static class LoadVerifier
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromMinutes(5);

    public static async Task<bool> VerifyAsync(IntakeSiloApi api, IReadOnlyList<LoadIntegration> integrations, string runTag, DateTimeOffset since)
    {
        var acknowledged = integrations.SelectMany(i => i.Acknowledged).ToList();
        var keysWithTwoOrders = acknowledged.Count(a => a.Value.Count > 1);
        var answered = acknowledged.SelectMany(a => a.Value).ToHashSet(StringComparer.Ordinal);
        var givenUp = integrations.Sum(i => i.GivenUp);
        var deadline = DateTimeOffset.UtcNow + CatchUp;
        Dictionary<string, int> listed;
        while (true)
        {
            listed = await api.ListRunOrdersAsync(runTag, since, CancellationToken.None);
            if (answered.All(listed.ContainsKey) || DateTimeOffset.UtcNow > deadline) break;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var listing = RunOrderListing.Compare(answered, listed);
        var (_, _, listedTwice, unknown, missing) = listing;
        listing.Print("load", acknowledged.Count);
        BenchReport.Figure("load.verify.creates_given_up", givenUp, "requests");
        var ok = keysWithTwoOrders == 0 && answered.Count == acknowledged.Count && listedTwice == 0 && missing == 0 && unknown <= givenUp;
        BenchReport.Note(ok
            ? $"verified: {acknowledged.Count} acknowledged idempotency keys, {listed.Count} distinct orders listed with tag {runTag}: one order per key"
              + (unknown > 0 ? $" ({unknown} listed orders belong to creates given up, whose acknowledgement never came)" : "")
            : $"VERIFICATION FAILED: {acknowledged.Count} keys, {keysWithTwoOrders} answered with two orders, {answered.Count} distinct order ids answered, "
              + $"{listed.Count} listed ({listedTwice} listed twice, {unknown} listed but never answered with {givenUp} creates given up, {missing} answered but not listed)");
        return ok;
    }
}
