using Npgsql;

namespace OrderCluster.Bench.Chaos;

/// <summary>Stock of one SKU in a warehouse grain's stored state.</summary>
internal sealed record StoredStock(string Sku, long OnHand, long Reserved);

/// <summary>A durable timer whose due time has passed.</summary>
internal sealed record OverdueTimer(string GrainType, string GrainKey, string Name, DateTimeOffset DueAt);

/// <summary>
/// Reads the cluster's PostgreSQL tables directly (grain state, durable timers, dead letters), so the chaos checks do not
/// take the API's word for what was stored.
/// </summary>
internal sealed class ChaosStore(NpgsqlDataSource db, string schema)
{
    /// <summary>Every stored order of <paramref name="tenant"/> (the chaos run's tenant is its own, so these are the run's orders).</summary>
    public async Task<List<StoredOrder>> OrdersAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            SELECT grain_key, payload::text FROM {schema}.grain_state
            WHERE grain_type = 'order' AND grain_key LIKE @prefix AND payload IS NOT NULL
            """);
        command.Parameters.AddWithValue("prefix", Prefix(tenant));
        var orders = new List<StoredOrder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            orders.Add(StoredOrder.Parse(reader.GetString(0)[(tenant.Length + 1)..], reader.GetString(1)));
        return orders;
    }

    /// <summary>The warehouse grain's stock per SKU, or null when the warehouse has no stored state.</summary>
    public async Task<Dictionary<string, StoredStock>?> StockAsync(string tenant, string warehouseId, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            SELECT s.key, (s.value ->> 'onHand')::bigint, (s.value ->> 'reserved')::bigint
            FROM {schema}.grain_state g, jsonb_each(g.payload -> 'stock') s
            WHERE g.grain_type = 'warehouse' AND g.grain_key = @key
            """);
        command.Parameters.AddWithValue("key", $"{tenant}/{warehouseId}");
        var stock = new Dictionary<string, StoredStock>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            stock[reader.GetString(0)] = new StoredStock(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
        return stock.Count == 0 ? null : stock;
    }

    /// <summary>Units the tenant's fulfilment grains hold allocated (not released) in <paramref name="warehouseId"/>, per SKU.</summary>
    public async Task<Dictionary<string, long>> AllocatedUnitsAsync(string tenant, string warehouseId, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            SELECT a ->> 'sku', sum((a ->> 'quantity')::bigint)
            FROM {schema}.grain_state g, jsonb_array_elements(g.payload -> 'allocations') a
            WHERE g.grain_type = 'fulfilment' AND g.grain_key LIKE @prefix
              AND a ->> 'warehouseId' = @warehouse AND NOT coalesce((a ->> 'released')::boolean, false)
            GROUP BY 1
            """);
        command.Parameters.AddWithValue("prefix", Prefix(tenant));
        command.Parameters.AddWithValue("warehouse", warehouseId);
        var units = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) units[reader.GetString(0)] = reader.GetInt64(1);
        return units;
    }

    /// <summary>Durable timers (of any grain) due more than <paramref name="grace"/> ago by the database's clock: each should have fired by now.</summary>
    public async Task<(long Count, List<OverdueTimer> First)> OverdueTimersAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            SELECT grain_type, grain_key, name, due_at, count(*) OVER ()
            FROM {schema}.durable_timer WHERE due_at < now() - @grace ORDER BY due_at LIMIT 20
            """);
        command.Parameters.AddWithValue("grace", grace);
        var first = new List<OverdueTimer>();
        long count = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            first.Add(new OverdueTimer(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            count = reader.GetInt64(4);
        }

        return (count, first);
    }

    /// <summary>The version of each order's row in the search read model (<c>order_search</c>) of <paramref name="tenant"/>.</summary>
    public async Task<Dictionary<string, long>> SearchRowVersionsAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"SELECT order_id, version FROM {schema}.order_search WHERE tenant_id = @tenant");
        command.Parameters.AddWithValue("tenant", tenant);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) versions[reader.GetString(0)] = reader.GetInt64(1);
        return versions;
    }

    /// <summary>Events a stream consumer gave up on, per consumer group and event type.</summary>
    public async Task<Dictionary<string, long>> DeadLettersAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"SELECT consumer_group || ' ' || event_type, count(*) FROM {schema}.stream_dead_letter GROUP BY 1");
        var letters = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) letters[reader.GetString(0)] = reader.GetInt64(1);
        return letters;
    }

    /// <summary>A LIKE prefix for the tenant's grain keys (<c>{tenant}/…</c>), with LIKE's wildcards in the tenant escaped.</summary>
    private static string Prefix(string tenant) => tenant.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "/%";
}
