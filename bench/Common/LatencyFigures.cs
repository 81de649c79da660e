using System.Globalization;
using OrderCluster.Bench.Intake;

namespace OrderCluster.Bench.Common;

/// <summary>Prints a latency histogram as figures: <c>{name}.p50</c>, <c>.p99</c>, … in ms for each fraction asked, then <c>.max</c>.</summary>
internal static class LatencyFigures
{
    public static void Print(string name, LatencyHistogram histogram, params double[] fractions)
    {
        foreach (var fraction in fractions)
            BenchReport.Figure($"{name}.p{(fraction * 100).ToString("0.#", CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal)}",
                histogram.PercentileMs(fraction), "ms");
        BenchReport.Figure($"{name}.max", histogram.PercentileMs(1), "ms");
    }
}
