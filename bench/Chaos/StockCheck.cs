namespace OrderCluster.Bench.Chaos;

/// <summary>
/// No SKU oversold, read from both sides of each reservation: the run's warehouse (on hand, reserved) and the orders'
/// fulfilment grains (units allocated there and not released). The warehouse received <c>stockPerSku</c> of each SKU and
/// nothing else, so for each SKU: allocated ≤ received, and allocated = reserved + shipped (= received − on hand).
/// </summary>
internal static class StockCheck
{
    public const string Name = "no SKU oversold";

    public static async Task RunAsync(ChaosFacts facts, ChaosStore store, ChaosVerdict verdict, CancellationToken cancellationToken)
    {
        verdict.Start(Name);
        var ledger = facts.Ledger;
        var received = (long)ledger.StockPerSku;
        var stock = await store.StockAsync(ledger.Tenant, ledger.WarehouseId, cancellationToken);
        if (stock is null)
        {
            verdict.Violation(Name, $"warehouse {ledger.WarehouseId} has no stored stock");
            return;
        }

        var allocated = await store.AllocatedUnitsAsync(ledger.Tenant, ledger.WarehouseId, cancellationToken);
        foreach (var sku in stock.Keys.Union(allocated.Keys).Order(StringComparer.Ordinal))
        {
            var s = stock.GetValueOrDefault(sku) ?? new StoredStock(sku, 0, 0);
            var units = allocated.GetValueOrDefault(sku);
            var shipped = received - s.OnHand;
            if (s.OnHand < 0 || s.Reserved < 0 || s.Reserved > s.OnHand || s.OnHand > received)
                verdict.Violation(Name, $"{sku}: on hand {s.OnHand}, reserved {s.Reserved} of {received} received");
            if (units > received) verdict.Violation(Name, $"{sku}: {units} units allocated to orders, but only {received} were received (oversold)");
            if (units != s.Reserved + shipped)
                verdict.Violation(Name, $"{sku}: orders hold {units} units, the warehouse has {s.Reserved} reserved + {shipped} shipped");
        }

        ChaosVerdict.Figure("stock.units_allocated", allocated.Values.Sum(), "units");
        ChaosVerdict.Figure("stock.units_shipped", stock.Values.Sum(s => received - s.OnHand), "units");
        ChaosVerdict.Figure("stock.skus_sold_out", stock.Values.Count(s => s.OnHand - s.Reserved == 0), "SKUs");
    }
}
