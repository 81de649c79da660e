using System.Collections.Concurrent;
using OrderCluster.GrainInterfaces.Search;

namespace OrderCluster.Grains.Search;

/// <summary>The order search read model in memory, for the in-memory storage provider (tests, demos): same semantics, no index.</summary>
internal sealed class MemoryOrderSearchStore : IOrderSearchStore
{
    private readonly ConcurrentDictionary<(string Tenant, string OrderId), OrderSearchRow> _rows = new();

    public Task<int> UpsertAsync(IReadOnlyList<OrderSearchRow> rows, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var row in rows)
        {
            var key = (row.TenantId, row.OrderId);
            while (true)
            {
                if (_rows.TryGetValue(key, out var stored))
                {
                    if (stored.Version >= row.Version) break;
                    if (_rows.TryUpdate(key, row, stored))
                    {
                        changed++;
                        break;
                    }
                }
                else if (_rows.TryAdd(key, row))
                {
                    changed++;
                    break;
                }
            }
        }

        return Task.FromResult(changed);
    }

    public Task<ImmutableArray<OrderSearchRow>> SearchAsync(string tenantId, OrderSearchQuery query, CancellationToken cancellationToken)
    {
        var words = OrderSearchDocument.QueryWords(query.Text);
        var matching = _rows.Values.Where(r => r.TenantId == tenantId && Matches(r, query, words));
        var found = (query.Sort == OrderSearchSort.RecentlyArchived
                ? matching.OrderByDescending(r => r.ArchivedAt).ThenBy(r => r.OrderId, StringComparer.Ordinal)
                : matching.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.OrderId, StringComparer.Ordinal))
            .Take(query.Limit);
        return Task.FromResult(found.ToImmutableArray());
    }

    public Task<OrderSearchRow?> FindAsync(string tenantId, string orderId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.GetValueOrDefault((tenantId, orderId)));

    private static bool Matches(OrderSearchRow r, OrderSearchQuery q, ImmutableArray<string> words) =>
        r.Archived == q.Archived
        && (q.Status is null || r.Status == q.Status)
        && (q.Channel is null || r.Channel == q.Channel)
        && (q.CustomerId is null || r.CustomerId == q.CustomerId)
        && (q.Tag is null || r.Tags.Contains(q.Tag))
        && (q.Priority is null || r.Priority == q.Priority)
        && (q.CreatedFrom is null || r.CreatedAt >= q.CreatedFrom)
        && (q.CreatedTo is null || r.CreatedAt < q.CreatedTo)
        && (q.MinTotal is null || r.Total >= q.MinTotal)
        && (q.MaxTotal is null || r.Total <= q.MaxTotal)
        && (q.Assignee is null || r.Assignee == q.Assignee)
        && q.CustomFields.All(f => r.CustomFields.TryGetValue(f.Key, out var v) && v == f.Value)
        && (q.ArchivedFrom is null || r.ArchivedAt >= q.ArchivedFrom)
        && (q.ArchivedTo is null || r.ArchivedAt < q.ArchivedTo)
        && (q.Sort != OrderSearchSort.RecentlyArchived || r.ArchivedAt is not null)
        && (q.After is null || r.CreatedAt < q.After.CreatedAt || (r.CreatedAt == q.After.CreatedAt && string.CompareOrdinal(r.OrderId, q.After.OrderId) < 0))
        && (q.AfterArchived is not { } a || r.ArchivedAt < a.ArchivedAt || (r.ArchivedAt == a.ArchivedAt && string.CompareOrdinal(r.OrderId, a.OrderId) > 0))
        && (words.IsEmpty || MatchesWords(r.Document, words));

    private static bool MatchesWords(string document, ImmutableArray<string> words)
    {
        var documentWords = document.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.All(w => documentWords.Any(d => d.StartsWith(w, StringComparison.Ordinal)));
    }
}
