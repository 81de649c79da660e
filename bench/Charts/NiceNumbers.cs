using System.Globalization;

namespace OrderCluster.Bench.Charts;

/// <summary>
/// Axis steps of 1, 2 or 5 times a power of ten, and number formatting with the invariant culture, so that ticks read
/// like a person would draw them and a chart made on any machine prints the same digits.
/// </summary>
internal static class NiceNumbers
{
    private static readonly double[] Mantissas = [1, 2, 5];

    /// <summary>The smallest 1-2-5 step that cuts <paramref name="span"/> into at most <paramref name="maxIntervals"/> intervals.</summary>
    public static double Step(double span, int maxIntervals)
    {
        if (span <= 0 || !double.IsFinite(span)) return 1;
        var raw = span / Math.Max(1, maxIntervals);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var mantissa in Mantissas)
            if (mantissa * power >= raw * (1 - 1e-9)) return mantissa * power;
        return 10 * power;
    }

    /// <summary>The next coarser 1-2-5 step after <paramref name="step"/> (1 → 2 → 5 → 10).</summary>
    public static double Coarser(double step)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        var mantissa = Math.Round(step / power);
        return mantissa switch { < 2 => 2 * power, < 5 => 5 * power, _ => 10 * power };
    }

    /// <summary>The ticks <c>k * step</c> from <paramref name="low"/> to <paramref name="high"/>, both assumed to be multiples of the step.</summary>
    public static IReadOnlyList<double> Ticks(double low, double high, double step)
    {
        var first = (long)Math.Round(low / step);
        var last = (long)Math.Round(high / step);
        var ticks = new List<double>();
        for (var k = first; k <= last; k++) ticks.Add(k * step); // k * step, not a running sum, so no error accumulates
        return ticks;
    }

    /// <summary>A tick label: as many decimals as the step needs, thousands separated; powers beyond 10^9 or below 10^-4 in E notation.</summary>
    public static string Tick(double value, double step)
    {
        if (value == 0) return "0";
        var magnitude = Math.Abs(value);
        if (magnitude >= 1e9 || magnitude < 1e-4) return value.ToString("0.##E+0", CultureInfo.InvariantCulture);
        var decimals = Math.Clamp((int)-Math.Floor(Math.Log10(step) + 1e-9), 0, 6);
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A measured value printed on a bar: four significant digits (all digits from 1,000 up), thousands separated, no trailing zeros.</summary>
    public static string Value(double value)
    {
        var magnitude = Math.Abs(value);
        if (magnitude == 0) return "0";
        if (magnitude >= 1e12 || magnitude < 1e-4) return value.ToString("0.###E+0", CultureInfo.InvariantCulture);
        var decimals = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(magnitude)));
        return value.ToString("#,##0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>A coordinate in the SVG: at most one decimal, invariant culture.</summary>
    public static string Coordinate(double value) =>
        (Math.Round(value, 1) + 0.0).ToString("0.#", CultureInfo.InvariantCulture); // + 0.0 turns -0 into 0
}
