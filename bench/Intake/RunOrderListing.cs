namespace OrderCluster.Bench.Intake;

/// <summary>
/// How the run's orders as listed by tag compare with the order ids the creates were answered with: the heart of the
/// check that retries with one Idempotency-Key never made a second order.
/// </summary>
internal sealed record RunOrderListing(int Answered, int Listed, int ListedTwice, int Unknown, int Missing)
{
    public static RunOrderListing Compare(IReadOnlySet<string> answered, IReadOnlyDictionary<string, int> listed) =>
        new(answered.Count, listed.Count, listed.Count(l => l.Value > 1), listed.Keys.Count(id => !answered.Contains(id)),
            answered.Count(id => !listed.ContainsKey(id)));

    /// <summary>The figures <c>{suite}.verify.idempotency_keys</c>, <c>.distinct_orders_answered</c> and <c>.distinct_orders_listed</c>.</summary>
    public void Print(string suite, int keys)
    {
        BenchReport.Figure($"{suite}.verify.idempotency_keys", keys, "keys");
        BenchReport.Figure($"{suite}.verify.distinct_orders_answered", Answered, "orders");
        BenchReport.Figure($"{suite}.verify.distinct_orders_listed", Listed, "orders");
    }
}
