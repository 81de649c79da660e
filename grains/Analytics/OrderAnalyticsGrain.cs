using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Forecasting;

namespace OrderCluster.Grains.Analytics;

/// <summary>
/// KPIs of one shard of a tenant's orders (key <c>{tenant}/{shard}</c>). Consumes every order stream the key mapper sends
/// it: events fold into per-order facts (persisted, with the last sequence per order stream so redelivered events are
/// dropped) and the KPI cells are the sum of the orders' contributions, kept in memory and rebuilt on activation.
/// </summary>
[ImplicitStreamSubscription(OrderStreams.Namespace, KeyMapper = typeof(OrderAnalyticsKeyMapper))]
internal sealed class OrderAnalyticsGrain(
    [PersistentState("order-analytics")] IPersistentState<OrderAnalyticsState> state,
    IOptions<ForecastingOptions> forecasting,
    ILogger<OrderAnalyticsGrain> logger) : Grain, IOrderAnalyticsGrain
{
    private KpiAggregates Aggregates { get; set; } = new();

    /// <summary>The cells are derived from the stored facts, never stored themselves.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Aggregates = KpiAggregates.Build(state.State.Orders.Values);
        return Task.CompletedTask;
    }

    public async Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        var before = state.State;
        var orders = before.Orders.ToBuilder();
        var changed = new Dictionary<string, OrderFacts?>(StringComparer.Ordinal); // order id → facts before this batch
        var duplicates = 0;
        var applied = 0;
        foreach (var e in batch.Events)
        {
            var orderId = e.Stream.Key[(e.Stream.Key.IndexOf('/') + 1)..];
            var facts = orders.GetValueOrDefault(orderId);
            if (facts is not null && e.Sequence <= facts.LastSequence)
            {
                duplicates++; // at least once: this event is already counted
                continue;
            }

            var next = OrderFactsReducer.Apply(facts, e.Read(GrainInterfacesJsonContext.Default.OrderEvent));
            if (next is null)
            {
                AnalyticsLog.MissingCreation(logger, GetPrimaryKeyString(), e.Stream.Key, e.Sequence);
                continue;
            }

            if (!changed.ContainsKey(orderId)) changed[orderId] = facts;
            orders[orderId] = next;
            applied++;
        }

        if (duplicates > 0)
        {
            AnalyticsMetrics.DuplicatesDropped.Add(duplicates);
            AnalyticsLog.DuplicatesDropped(logger, GetPrimaryKeyString(), duplicates);
        }

        if (changed.Count == 0)
        {
            if (duplicates > 0) await WriteAsync(before with { DuplicatesDropped = before.DuplicatesDropped + duplicates }, batch, "write");
            return;
        }

        var snapshotReads = await ReadStaleLinesAsync(orders, changed.Keys, batch);
        var started = await StartSeriesAsync(before.StartedSeries, changed.Keys.Select(id => orders[id]));
        await WriteAsync(before with
        {
            Orders = orders.ToImmutable(),
            StartedSeries = started,
            EventsApplied = before.EventsApplied + applied,
            DuplicatesDropped = before.DuplicatesDropped + duplicates,
            SnapshotReads = before.SnapshotReads + snapshotReads,
        }, batch, "write");

        // Only after the commit: a failed batch leaves the cells as they were, and its redelivery applies it once.
        foreach (var (orderId, previous) in changed) Aggregates.Replace(previous, state.State.Orders[orderId]);
        AnalyticsMetrics.EventsApplied.Add(applied);
    }

    public Task<ImmutableArray<KpiPoint>> GetSeriesAsync(KpiQuery query) => Task.FromResult(Aggregates.Query(query));

    public Task<ImmutableArray<string>> GetDimensionsAsync() =>
        Task.FromResult<ImmutableArray<string>>([.. Aggregates.Dimensions.Order(StringComparer.Ordinal)]);

    public Task<AnalyticsProgress> GetProgressAsync() => Task.FromResult(new AnalyticsProgress(
        state.State.Orders.Count, state.State.EventsApplied, state.State.DuplicatesDropped, state.State.SnapshotReads,
        state.State.Orders.Values.Sum(o => o.LastSequence)));

    /// <summary>Events carry no lines: read them from the order's snapshot, once per order and batch (a fallback; see README).</summary>
    private async Task<int> ReadStaleLinesAsync(ImmutableSortedDictionary<string, OrderFacts>.Builder orders, IEnumerable<string> orderIds, StreamEventBatch batch)
    {
        var tenant = AnalyticsShards.TenantOf(GetPrimaryKeyString());
        var reads = 0;
        foreach (var orderId in orderIds.Where(id => orders[id].LinesStale).ToList())
        {
            try
            {
                var snapshot = await GrainFactory.GetGrain<IOrderGrain>($"{tenant}/{orderId}").GetAsync();
                orders[orderId] = OrderFactsReducer.WithSnapshot(orders[orderId], snapshot);
                reads++;
            }
            catch (Exception ex)
            {
                Fail(ex, batch, "snapshot");
                throw;
            }
        }

        AnalyticsMetrics.SnapshotReads.Add(reads);
        return reads;
    }

    /// <summary>Asks each forecast series these orders feed to start its timer, once per shard; a failure is retried with the next batch.</summary>
    private async Task<ImmutableSortedSet<string>> StartSeriesAsync(ImmutableSortedSet<string> started, IEnumerable<OrderFacts> facts)
    {
        if (!forecasting.Value.AutoStart) return started;
        var tenant = AnalyticsShards.TenantOf(GetPrimaryKeyString());
        // ForecastSeriesRule decides which series exist (the planner lists the same), from the dimensions the orders contribute to.
        var dimensions = facts.SelectMany(f => KpiContributions.Of(f).Where(c => c.Key.Grain == TimeGrain.Day).Select(c => c.Key.Dimension));
        var wanted = ForecastSeriesRule.SeriesOf(tenant, dimensions).Select(s => s.Key);

        foreach (var series in wanted.Where(s => !started.Contains(s)))
        {
            try
            {
                await GrainFactory.GetGrain<IForecastGrain>(series).EnsureStartedAsync();
                started = started.Add(series);
            }
            catch (Exception ex)
            {
                AnalyticsLog.SeriesStartFailed(logger, ex, GetPrimaryKeyString(), series);
            }
        }

        return started;
    }

    private async Task WriteAsync(OrderAnalyticsState next, StreamEventBatch batch, string stage)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            state.State = previous;
            Fail(ex, batch, stage);
            throw;
        }
    }

    private void Fail(Exception ex, StreamEventBatch batch, string stage)
    {
        AnalyticsMetrics.BatchFailures.Add(1);
        AnalyticsLog.BatchFailed(logger, ex, GetPrimaryKeyString(), batch.Events.Count, stage);
    }
}
