using OrderCluster.GrainInterfaces.Archiving;

namespace OrderCluster.Grains.Archiving;

public sealed record OrderArchiveState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableSortedDictionary<string, ArchivedOrder> Orders { get; init; } = ImmutableSortedDictionary<string, ArchivedOrder>.Empty;
}

/// <summary>
/// A tenant's archived orders, keyed <c>{tenant}</c>: archived orders are found here without activating them. Adding
/// and removing are idempotent (orders resend after a failure).
/// </summary>
internal sealed class OrderArchiveGrain([PersistentState("order-archive")] IPersistentState<OrderArchiveState> state) : Grain, IOrderArchiveGrain
{
    /// <summary>The largest page (200) and one more, which tells the API that another page follows.</summary>
    public const int MaxResults = 201;

    public async Task AddAsync(ArchivedOrder entry)
    {
        if (state.State.Orders.TryGetValue(entry.OrderId, out var known) && known == entry) return;
        state.State = state.State with { Orders = state.State.Orders.SetItem(entry.OrderId, entry) };
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string orderId)
    {
        if (!state.State.Orders.ContainsKey(orderId)) return;
        state.State = state.State with { Orders = state.State.Orders.Remove(orderId) };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<ArchivedOrder>> SearchAsync(ArchiveQuery query)
    {
        var text = query.Text?.Trim();
        var found = state.State.Orders.Values
            .Where(o => query.CustomerId is null || o.CustomerId == query.CustomerId)
            .Where(o => query.Status is null || o.Status == query.Status)
            .Where(o => query.ArchivedFrom is null || o.ArchivedAt >= query.ArchivedFrom)
            .Where(o => query.ArchivedTo is null || o.ArchivedAt < query.ArchivedTo)
            .Where(o => string.IsNullOrEmpty(text) || Matches(o, text))
            .Where(o => query.AfterArchivedAt is not { } at || o.ArchivedAt < at
                        || (o.ArchivedAt == at && string.CompareOrdinal(o.OrderId, query.AfterOrderId ?? "") > 0))
            .OrderByDescending(o => o.ArchivedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal)
            .Take(Math.Clamp(query.Limit, 1, MaxResults));
        return Task.FromResult(found.ToImmutableArray());
    }

    private static bool Matches(ArchivedOrder o, string text) =>
        o.OrderId.Contains(text, StringComparison.OrdinalIgnoreCase) || o.CustomerId.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (o.ClientReference?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false) || o.Tags.Any(t => t.Contains(text, StringComparison.OrdinalIgnoreCase));
}
