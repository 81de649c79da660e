namespace OrderCluster.Bench.Chaos;

/// <summary>What the checks read once, after the run settled: the ledger, the stored orders, and each stored or acknowledged order through the API.</summary>
internal sealed record ChaosFacts(
    ChaosLedger Ledger,
    IReadOnlyList<StoredOrder> StoredOrders,
    IReadOnlyDictionary<string, ApiOrder?> ApiOrders,
    DateTimeOffset VerifiedAt,
    TimeSpan Grace);
