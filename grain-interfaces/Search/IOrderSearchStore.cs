namespace OrderCluster.GrainInterfaces.Search;

/// <summary>
/// The order search read model: one row per order, kept by the search projection from the order streams and read by
/// <c>GET /orders</c> and saved searches. PostgreSQL, SQLite and in-memory implementations follow the storage provider.
/// </summary>
public interface IOrderSearchStore
{
    /// <summary>
    /// Inserts or replaces rows; a row whose stored version is the same or higher is left as it is (a redelivered or
    /// late event never goes back in time). Returns how many rows changed.
    /// </summary>
    Task<int> UpsertAsync(IReadOnlyList<OrderSearchRow> rows, CancellationToken cancellationToken);

    /// <summary>Up to <see cref="OrderSearchQuery.Limit"/> rows of the tenant matching the query, newest first.</summary>
    Task<ImmutableArray<OrderSearchRow>> SearchAsync(string tenantId, OrderSearchQuery query, CancellationToken cancellationToken);

    /// <summary>The row of an order, or null (tests and diagnostics).</summary>
    Task<OrderSearchRow?> FindAsync(string tenantId, string orderId, CancellationToken cancellationToken);
}
