using System.Globalization;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Diagnostics;

/// <summary>One instrument as collected at one moment: its series, each a sum (counters, gauges) or a histogram.</summary>
/// <param name="Kind"><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</param>
public sealed record MetricReading(string Name, string Kind, string? Unit, IReadOnlyList<MetricPoint> Points);

/// <summary>One tag set of an instrument: its value (sums) or its histogram.</summary>
public sealed record MetricPoint(IReadOnlyDictionary<string, string> Tags, double Value, HistogramReading? Histogram)
{
    public string Tag(string key) => Tags.TryGetValue(key, out var value) ? value : "";
}

/// <summary>A histogram at one moment: per-bucket (not cumulative) counts; bucket i holds values up to <c>Bounds[i]</c>.</summary>
public sealed record HistogramReading(double[] Bounds, long[] Buckets, long Count, double Sum)
{
    /// <summary>An estimate of quantile <paramref name="q"/> (0..1) by linear interpolation inside its bucket; 0 when empty.</summary>
    public double Quantile(double q) => new HistogramSnapshot(Bounds, Buckets, Count, Sum).Quantile(q);
}

/// <summary>Reads the silo's collected metrics (what <c>/metrics</c> shows) as plain values, for the dashboard.</summary>
public sealed class MetricsReader(MetricsCollector collector)
{
    public IReadOnlyList<MetricReading> Read()
    {
        var readings = new List<MetricReading>();
        foreach (var series in collector.Collect())
        {
            var points = new List<MetricPoint>();
            if (series.Kind == "histogram")
            {
                foreach (var (tags, histogram) in series.Histograms)
                {
                    var s = histogram.Snapshot();
                    points.Add(new MetricPoint(ToDictionary(tags), s.Count, new HistogramReading(s.Bounds, s.Buckets, s.Count, s.Sum)));
                }
            }
            else
            {
                foreach (var (tags, sum) in series.Sums) points.Add(new MetricPoint(ToDictionary(tags), sum.Value, null));
            }

            readings.Add(new MetricReading(series.Name, series.Kind, series.Unit, points));
        }

        return readings;
    }

    private static Dictionary<string, string> ToDictionary(TagSet tags)
    {
        var dictionary = new Dictionary<string, string>(tags.Count, StringComparer.Ordinal);
        for (var i = 0; i < tags.Count; i++)
            dictionary[tags[i].Key] = Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "";
        return dictionary;
    }
}
