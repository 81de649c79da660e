using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Collection;

/// <summary>
/// The cumulative figures the dashboard needs, taken from one metrics reading: calls, errors and latency buckets (in total and
/// per grain method), storage operations, timer deliveries. Two readings subtract to the figures of the time between them.
/// </summary>
internal sealed class MetricTotals
{
    public const string CallDuration = "ordercluster.grain.call.duration";
    public const string CallErrors = "ordercluster.grain.call.errors";
    public const string Activations = "ordercluster.activations";
    public const string QueueLength = "ordercluster.activation.queue.length";
    public const string StorageDuration = "ordercluster.storage.duration";
    public const string StorageBatchSize = "ordercluster.storage.batch.size";
    public const string StorageErrors = "ordercluster.storage.errors";
    public const string StorageQueue = "ordercluster.storage.queue.length";
    public const string TimerLateness = "ordercluster.timer.lateness";
    public const string TimerTicks = "ordercluster.timer.ticks";
    public const string TimersPending = "ordercluster.timers.pending";
    public const string TimersInFlight = "ordercluster.timers.in_flight";
    public const string StreamPrefix = "ordercluster.stream.";
    public const string PoolConnections = "db.client.connection.count";
    public const string PoolMax = "db.client.connection.max";
    public const string PoolPending = "db.client.connection.npgsql.pending_requests";

    public Buckets Calls { get; } = Buckets.ForSeconds();

    public double Errors { get; private set; }

    public Dictionary<string, Buckets> Methods { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> MethodErrors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Buckets> StorageLatency { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Buckets> StorageBatches { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> StorageErrorCounts { get; } = new(StringComparer.Ordinal);

    public Buckets Lateness { get; } = Buckets.ForSeconds();

    public double TicksOk { get; private set; }

    public double TicksFailed { get; private set; }

    /// <summary>Grain type and method in one key.</summary>
    public static string MethodKey(string grainType, string method) => grainType + "\u001f" + method;

    public static (string GrainType, string Method) SplitMethodKey(string key)
    {
        var i = key.IndexOf('\u001f', StringComparison.Ordinal);
        return (key[..i], key[(i + 1)..]);
    }

    public static MetricTotals From(IReadOnlyList<MetricReading> readings)
    {
        var totals = new MetricTotals();
        foreach (var reading in readings)
        {
            foreach (var point in reading.Points)
            {
                switch (reading.Name)
                {
                    case CallDuration when point.Histogram is { } h:
                        totals.Calls.Add(h);
                        Get(totals.Methods, MethodKey(point.Tag("grain_type"), point.Tag("method")), Buckets.ForSeconds).Add(h);
                        break;
                    case CallErrors:
                        totals.Errors += point.Value;
                        Add(totals.MethodErrors, MethodKey(point.Tag("grain_type"), point.Tag("method")), point.Value);
                        break;
                    case StorageDuration when point.Histogram is { } h:
                        Get(totals.StorageLatency, point.Tag("operation"), Buckets.ForSeconds).Add(h);
                        break;
                    case StorageBatchSize when point.Histogram is { } h:
                        Get(totals.StorageBatches, point.Tag("operation"), Buckets.ForCounts).Add(h);
                        break;
                    case StorageErrors:
                        Add(totals.StorageErrorCounts, point.Tag("operation"), point.Value);
                        break;
                    case TimerLateness when point.Histogram is { } h:
                        totals.Lateness.Add(h);
                        break;
                    case TimerTicks:
                        if (point.Tag("outcome") == "ok") totals.TicksOk += point.Value;
                        else totals.TicksFailed += point.Value;
                        break;
                }
            }
        }

        return totals;
    }

    private static Buckets Get(Dictionary<string, Buckets> map, string key, Func<Buckets> create)
    {
        if (!map.TryGetValue(key, out var buckets)) map[key] = buckets = create();
        return buckets;
    }

    private static void Add(Dictionary<string, double> map, string key, double value) => map[key] = map.GetValueOrDefault(key) + value;
}
