using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Grains.Warehouses;

/// <summary>
/// The window shipped reservation keys are remembered in: 24 hours, and at most the newest 2,000 (whichever drops a key
/// first), so the state stays bounded however many orders a warehouse ships. Why that is enough: the fulfilment grain
/// names each reservation <c>{lineId}.{allocationId}</c> and issues allocation ids from its committed counter, so it
/// only sends a reserve again for an allocation it has not committed — which it cannot have shipped (shipments are
/// built from committed allocations). A reserve of a shipped key is therefore only a duplicate delivery of the same
/// call (seconds), and a dispatch again is a ship action retried after the fulfilment's commit failed (minutes to hours).
/// Released reservations are simply removed, as before: their keys are never reserved again by fulfilment.
/// </summary>
internal static class ShippedKeys
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    public const int MaxCount = 2_000;

    /// <summary>Moves shipped reservations (also those older states kept in the map) out of the open ones, and prunes the window.</summary>
    public static WarehouseState Compact(WarehouseState s, DateTimeOffset now)
    {
        var shipped = s.Reservations.Values.Where(r => r.Status == ReservationStatus.Shipped).ToList();
        var keys = s.Shipped;
        if (shipped.Count > 0) keys = keys.SetItems(shipped.Select(r => KeyValuePair.Create(r.Key, new ShippedReservation(r.Sku, r.Quantity, now))));
        var cutoff = now - Retention;
        if (keys.Count > MaxCount || keys.Values.Any(k => k.ShippedAt < cutoff))
        {
            var newest = keys.Where(k => k.Value.ShippedAt >= cutoff).OrderByDescending(k => k.Value.ShippedAt).ThenBy(k => k.Key, StringComparer.Ordinal).Take(MaxCount);
            keys = ImmutableSortedDictionary.CreateRange(newest);
        }

        return shipped.Count == 0 && ReferenceEquals(keys, s.Shipped) ? s : s with { Reservations = s.Reservations.RemoveRange(shipped.Select(r => r.Key)), Shipped = keys };
    }

    /// <summary>A shipped reservation as callers see it (cost and dispatch day are not kept).</summary>
    public static StockReservation AsReservation(string key, ShippedReservation shipped)
    {
        var slash = key.IndexOf('/');
        return new StockReservation
        {
            Key = key, OrderId = key[..slash], LineId = key[(slash + 1)..], Sku = shipped.Sku, Quantity = shipped.Quantity,
            Status = ReservationStatus.Shipped,
        };
    }
}
