using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Search;

namespace OrderCluster.Grains.Search;

/// <summary>Sends the order stream <c>{tenant}/{orderId}</c> to the tenant's search projection shard of that order.</summary>
public sealed class OrderSearchKeyMapper : IStreamKeyMapper
{
    public string MapToGrainKey(StreamId stream) => OrderSearchShards.KeyForOrder(stream.Key);
}

/// <summary>
/// Projects order streams into the search read model. Events say what changed, not the whole order, so for each order
/// with events in a batch the grain reads the order's snapshot (once) and upserts its row. The row carries the
/// snapshot's version, and the store never replaces a row with an older version: a redelivered batch, or a slow batch
/// overtaken by a newer one, changes nothing. The grain keeps no state of its own; a failed batch is redelivered.
/// </summary>
[ImplicitStreamSubscription(OrderStreams.Namespace, KeyMapper = typeof(OrderSearchKeyMapper))]
internal sealed class OrderSearchProjectionGrain(IOrderSearchStore store, TimeProvider time, ILogger<OrderSearchProjectionGrain> logger)
    : Grain, IOrderSearchProjectionGrain
{
    public async Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        // The last event of each order in this batch: its sequence and when it was committed.
        var latest = new Dictionary<string, StreamEvent>(StringComparer.Ordinal);
        foreach (var e in batch.Events)
        {
            if (!latest.TryGetValue(e.Stream.Key, out var known) || e.Sequence > known.Sequence) latest[e.Stream.Key] = e;
        }

        OrderSearchRow[] rows;
        try
        {
            rows = await Task.WhenAll(latest.Select(async pair =>
            {
                var snapshot = await GrainFactory.GetGrain<IOrderGrain>(pair.Key).GetAsync();
                return OrderSearchDocument.RowOf(snapshot, Math.Max(pair.Value.Sequence, snapshot.LastEventSequence), snapshot.Assignee);
            }));
        }
        catch (Exception ex)
        {
            Fail(ex, batch, "snapshot");
            throw;
        }

        try
        {
            await store.UpsertAsync(rows, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Fail(ex, batch, "upsert");
            throw;
        }

        var now = time.GetUtcNow();
        foreach (var e in latest.Values) OrderSearchMetrics.Lag.Record(Math.Max(0, (now - e.CreatedAt).TotalMilliseconds));
    }

    private void Fail(Exception ex, StreamEventBatch batch, string stage)
    {
        OrderSearchMetrics.BatchFailures.Add(1);
        OrderSearchLog.BatchFailed(logger, ex, GetPrimaryKeyString(), batch.Events.Count, stage);
    }
}
