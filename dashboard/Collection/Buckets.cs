using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Collection;

/// <summary>
/// Histogram bucket counts with the runtime's bounds (latencies in seconds, or batch sizes). They add across tag sets and silos
/// and subtract between two moments, so any window's or the whole cluster's quantiles come out exact to the bucket.
/// </summary>
internal sealed class Buckets
{
    /// <summary>The runtime's latency bucket bounds, seconds (MetricsCollector).</summary>
    public static readonly double[] SecondsBounds =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>The runtime's count bucket bounds (batch sizes).</summary>
    public static readonly double[] CountBounds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

    public Buckets(double[] bounds, long[]? counts = null)
    {
        Bounds = bounds;
        Counts = counts ?? new long[bounds.Length + 1];
    }

    public double[] Bounds { get; }

    public long[] Counts { get; }

    public long Total => Counts.Sum();

    public static Buckets ForSeconds() => new(SecondsBounds);

    public static Buckets ForCounts() => new(CountBounds);

    public void Add(HistogramReading histogram)
    {
        if (histogram.Buckets.Length != Counts.Length) return; // another instrument's bounds: not comparable
        for (var i = 0; i < Counts.Length; i++) Counts[i] += histogram.Buckets[i];
    }

    public void Add(long[] counts)
    {
        for (var i = 0; i < Counts.Length && i < counts.Length; i++) Counts[i] += counts[i];
    }

    /// <summary>This minus <paramref name="earlier"/> (counts never go below zero: a reset instrument starts again).</summary>
    public long[] Since(Buckets? earlier)
    {
        var delta = new long[Counts.Length];
        for (var i = 0; i < delta.Length; i++) delta[i] = Math.Max(0, Counts[i] - (earlier?.Counts[i] ?? 0));
        return delta;
    }

    /// <summary>Quantile <paramref name="q"/> of <paramref name="counts"/> (interpolated within the bucket); 0 when empty.</summary>
    public static double Quantile(double[] bounds, long[] counts, double q)
    {
        var total = counts.Sum();
        return total == 0 ? 0 : new HistogramReading(bounds, counts, total, 0).Quantile(q);
    }
}
