using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces.Search;

namespace OrderCluster.Grains.Search;

/// <summary>Counts what a store writes and times what it reads (<see cref="OrderSearchMetrics"/>); logs failed queries.</summary>
internal sealed class MeasuredOrderSearchStore(IOrderSearchStore inner, ILogger<MeasuredOrderSearchStore> logger) : IOrderSearchStore
{
    internal IOrderSearchStore Inner => inner;

    public async Task<int> UpsertAsync(IReadOnlyList<OrderSearchRow> rows, CancellationToken cancellationToken)
    {
        var changed = await inner.UpsertAsync(rows, cancellationToken);
        OrderSearchMetrics.RowsUpserted.Add(changed);
        OrderSearchMetrics.StaleRowsSkipped.Add(rows.Count - changed);
        return changed;
    }

    public async Task<ImmutableArray<OrderSearchRow>> SearchAsync(string tenantId, OrderSearchQuery query, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.SearchAsync(tenantId, query, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OrderSearchLog.QueryFailed(logger, ex, tenantId, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        finally
        {
            OrderSearchMetrics.QueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public Task<OrderSearchRow?> FindAsync(string tenantId, string orderId, CancellationToken cancellationToken) =>
        inner.FindAsync(tenantId, orderId, cancellationToken);
}
