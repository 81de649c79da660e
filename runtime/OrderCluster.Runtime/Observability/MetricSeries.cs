using System.Collections.Concurrent;

namespace OrderCluster.Runtime.Observability;

/// <summary>A running sum per tag set (counters and up-down counters).</summary>
internal sealed class SumSeries
{
    private double _value;

    public double Value => Volatile.Read(ref _value);

    public void Add(double delta)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + delta, current);
            if (seen.Equals(current)) return;
            current = seen;
        }
    }

    public void Set(double value) => Volatile.Write(ref _value, value);
}

/// <summary>Bucket counts, count and sum of one histogram tag set.</summary>
internal sealed class HistogramSeries(double[] bounds)
{
    private readonly long[] _buckets = new long[bounds.Length + 1];
    private readonly SumSeries _sum = new();
    private long _count;

    public double[] Bounds => bounds;

    public void Record(double value)
    {
        var i = Array.BinarySearch(bounds, value);
        if (i < 0) i = ~i;
        Interlocked.Increment(ref _buckets[i]);
        Interlocked.Increment(ref _count);
        _sum.Add(value);
    }

    public HistogramSnapshot Snapshot()
    {
        var buckets = new long[_buckets.Length];
        for (var i = 0; i < buckets.Length; i++) buckets[i] = Volatile.Read(ref _buckets[i]);
        return new HistogramSnapshot(bounds, buckets, Volatile.Read(ref _count), _sum.Value);
    }
}

/// <summary>A point-in-time copy of a histogram: per-bucket (not cumulative) counts.</summary>
internal sealed record HistogramSnapshot(double[] Bounds, long[] Buckets, long Count, double Sum)
{
    /// <summary>An estimate of quantile <paramref name="q"/> by linear interpolation inside its bucket.</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return 0;
        var rank = q * Count;
        long seen = 0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            if (seen + Buckets[i] >= rank && Buckets[i] > 0)
            {
                var lower = i == 0 ? 0 : Bounds[i - 1];
                var upper = i < Bounds.Length ? Bounds[i] : Bounds[^1];
                return lower + (upper - lower) * ((rank - seen) / Buckets[i]);
            }

            seen += Buckets[i];
        }

        return Bounds[^1];
    }
}

/// <summary>Every tag set of one instrument.</summary>
internal sealed class InstrumentSeries(string kind, string name, string? unit, string? description, double[]? bounds)
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public string? Unit { get; } = unit;

    public string? Description { get; } = description;

    public ConcurrentDictionary<TagSet, SumSeries> Sums { get; } = new();

    public ConcurrentDictionary<TagSet, HistogramSeries> Histograms { get; } = new();

    public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new TagSet(tags);
        if (!Sums.TryGetValue(key, out var series)) series = Sums.GetOrAdd(key, _ => new SumSeries());
        series.Add(value);
    }

    public void Set(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new TagSet(tags);
        if (!Sums.TryGetValue(key, out var series)) series = Sums.GetOrAdd(key, _ => new SumSeries());
        series.Set(value);
    }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new TagSet(tags);
        if (!Histograms.TryGetValue(key, out var series)) series = Histograms.GetOrAdd(key, _ => new HistogramSeries(bounds!));
        series.Record(value);
    }
}
