using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Streams;

/// <summary>Stream instruments: deliveries, delivery latency (commit to handled), failures, dead letters, lag.</summary>
internal sealed class StreamMetrics
{
    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deadLettered;
    private readonly ConcurrentDictionary<(string Group, int Partition), (long Events, double Seconds)> _lag = new();

    public StreamMetrics(RuntimeMetrics metrics)
    {
        var meter = metrics.Meter;
        _delivered = meter.CreateCounter<long>("ordercluster.stream.delivered", "{event}", "Events delivered to consumer grains, per group.");
        _latency = meter.CreateHistogram<double>("ordercluster.stream.delivery.latency", "s", "Time from an event's commit to its consumer handling it.");
        _failures = meter.CreateCounter<long>("ordercluster.stream.delivery.failures", "{event}", "Events whose delivery threw, per group.");
        _deadLettered = meter.CreateCounter<long>("ordercluster.stream.dead_lettered", "{event}", "Events given up on, per group.");
        meter.CreateObservableGauge("ordercluster.stream.lag.events", () => _lag.Select(l =>
                new Measurement<long>(l.Value.Events, new("group", l.Key.Group), new("partition", l.Key.Partition))),
            "{event}", "Events appended and not yet handled, per group and partition.");
        meter.CreateObservableGauge("ordercluster.stream.lag.seconds", () => _lag.Select(l =>
                new Measurement<double>(l.Value.Seconds, new("group", l.Key.Group), new("partition", l.Key.Partition))),
            "s", "Age of the oldest event not yet handled, per group and partition.");
    }

    public void Delivered(string group, IReadOnlyList<PendingEvent> events, DateTimeOffset handledAt)
    {
        var tag = new KeyValuePair<string, object?>("group", group);
        _delivered.Add(events.Count, tag);
        foreach (var e in events) _latency.Record(Math.Max(0, (handledAt - e.Stored.CreatedAt).TotalSeconds), tag);
    }

    public void DeliveryFailed(string group, int events) => _failures.Add(events, new KeyValuePair<string, object?>("group", group));

    public void DeadLettered(string group) => _deadLettered.Add(1, new KeyValuePair<string, object?>("group", group));

    public void Lag(string group, int partition, long events, double seconds) => _lag[(group, partition)] = (events, seconds);

    public void ForgetLag(int partition)
    {
        foreach (var key in _lag.Keys.Where(k => k.Partition == partition)) _lag.TryRemove(key, out _);
    }
}
