using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Collection;

/// <summary>The current values (gauges) the dashboard shows, from one metrics reading.</summary>
internal sealed record GaugeReadings(
    long Activations,
    Dictionary<string, long> ActivationsByType,
    long QueueLength,
    long StorageQueue,
    long TimersPending,
    long TimersInFlight,
    List<PoolFigures> Pools,
    List<StreamMetric> Streams)
{
    public static GaugeReadings From(IReadOnlyList<MetricReading> readings)
    {
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        long queue = 0, storageQueue = 0, pending = 0, inFlight = 0;
        var pools = new Dictionary<string, long[]>(StringComparer.Ordinal); // idle, used, max, pending
        var streams = new List<StreamMetric>();
        foreach (var reading in readings)
        {
            foreach (var point in reading.Points)
            {
                var value = (long)point.Value;
                switch (reading.Name)
                {
                    case MetricTotals.Activations:
                        byType[point.Tag("grain_type")] = byType.GetValueOrDefault(point.Tag("grain_type")) + value;
                        break;
                    case MetricTotals.QueueLength: queue += value; break;
                    case MetricTotals.StorageQueue: storageQueue += value; break;
                    case MetricTotals.TimersPending: pending += value; break;
                    case MetricTotals.TimersInFlight: inFlight += value; break;
                    case MetricTotals.PoolConnections:
                        Pool(pools, point)[point.Tag("db.client.connection.state") == "used" ? 1 : 0] += value;
                        break;
                    case MetricTotals.PoolMax: Pool(pools, point)[2] = value; break;
                    case MetricTotals.PoolPending: Pool(pools, point)[3] = value; break;
                    default:
                        if (reading.Name.StartsWith(MetricTotals.StreamPrefix, StringComparison.Ordinal) && reading.Kind != "histogram")
                            streams.Add(new StreamMetric(reading.Name, point.Tags, point.Value));
                        break;
                }
            }
        }

        return new GaugeReadings(byType.Values.Sum(), byType, queue, storageQueue, pending, inFlight,
            pools.Select(p => new PoolFigures(PoolName(p.Key), p.Value[0], p.Value[1], p.Value[2], p.Value[3])).ToList(), streams);
    }

    private static long[] Pool(Dictionary<string, long[]> pools, MetricPoint point)
    {
        var name = point.Tag("db.client.connection.pool.name");
        if (!pools.TryGetValue(name, out var figures)) pools[name] = figures = new long[4];
        return figures;
    }

    /// <summary>A pool is named by its connection string (without the password): keep host, port and database only.</summary>
    private static string PoolName(string name)
    {
        var kept = name.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith("Host=", StringComparison.OrdinalIgnoreCase) || p.StartsWith("Port=", StringComparison.OrdinalIgnoreCase)
                        || p.StartsWith("Database=", StringComparison.OrdinalIgnoreCase));
        var joined = string.Join(';', kept);
        return joined.Length > 0 ? joined : "pool";
    }
}
