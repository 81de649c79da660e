using System.Diagnostics;

namespace OrderCluster.Bench.Intake;

/// <summary>
/// Every latency sample of one kind, kept whole (a run of a few minutes holds a few million at most), so percentiles are
/// exact nearest-rank values of the sorted samples rather than bucket estimates. One writer per instance; merge to read.
/// </summary>
internal sealed class LatencyHistogram
{
    private readonly List<long> _ticks = [];
    private bool _sorted;

    public int Count => _ticks.Count;

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Records one sample of <paramref name="elapsedTicks"/> <see cref="Stopwatch"/> ticks.</summary>
    public void Record(long elapsedTicks)
    {
        _ticks.Add(elapsedTicks);
        _sorted = false;
    }

    /// <summary>Adds every sample of <paramref name="parts"/> (merging the integrations' histograms once they are done).</summary>
    public void AddAll(IEnumerable<LatencyHistogram> parts)
    {
        foreach (var part in parts) _ticks.AddRange(part._ticks);
        _sorted = false;
    }

    /// <summary>The nearest-rank percentile (<paramref name="fraction"/> from 0 to 1) in milliseconds; NaN without samples.</summary>
    public double PercentileMs(double fraction)
    {
        if (_ticks.Count == 0) return double.NaN;
        if (!_sorted)
        {
            _ticks.Sort();
            _sorted = true;
        }

        var rank = (int)Math.Ceiling(fraction * _ticks.Count);
        return ToMs(_ticks[Math.Clamp(rank - 1, 0, _ticks.Count - 1)]);
    }

    public double MeanMs() => _ticks.Count == 0 ? double.NaN : ToMs((long)_ticks.Average());

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
