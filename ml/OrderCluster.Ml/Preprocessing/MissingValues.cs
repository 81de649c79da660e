using OrderCluster.Ml.Decomposition;

namespace OrderCluster.Ml.Preprocessing;

/// <summary>
/// Fills missing values (NaN) before fitting. Leading missing values are dropped; trailing ones are reported so
/// the model can step over them on its own forecasts; inner gaps are interpolated linearly, on the seasonally
/// adjusted scale when a period is given and at least two full periods are observed.
/// </summary>
internal static class MissingValues
{
    /// <summary>Returns the filled observed part and the number of trailing missing values.</summary>
    /// <exception cref="ArgumentException">The series has no finite value.</exception>
    public static (double[] Values, int TrailingMissing) Fill(ReadOnlySpan<double> series, int period)
    {
        var first = -1;
        var last = -1;
        for (var t = 0; t < series.Length; t++)
        {
            if (double.IsInfinity(series[t]))
            {
                throw new ArgumentException($"The series holds an infinite value at position {t}.", nameof(series));
            }

            if (!double.IsNaN(series[t]))
            {
                first = first < 0 ? t : first;
                last = t;
            }
        }

        if (first < 0)
        {
            throw new ArgumentException("The series has no finite observation.", nameof(series));
        }

        var values = series[first..(last + 1)].ToArray();
        var trailing = series.Length - 1 - last;
        var missing = Array.FindAll(Enumerable.Range(0, values.Length).ToArray(), t => double.IsNaN(values[t]));
        if (missing.Length == 0)
        {
            return (values, trailing);
        }

        var linear = values.ToArray();
        InterpolateLinear(linear);
        if (period > 1 && values.Length >= 2 * period)
        {
            var indices = ClassicalDecomposition.SeasonalIndices(linear, period, multiplicative: false);
            var adjusted = new double[values.Length];
            for (var t = 0; t < values.Length; t++)
            {
                adjusted[t] = values[t] - indices[t % period];
            }

            InterpolateLinear(adjusted);

            // Keep filled values inside the observed range, so a non-negative series stays non-negative.
            double min = double.MaxValue, max = double.MinValue;
            foreach (var v in values)
            {
                if (!double.IsNaN(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }

            foreach (var t in missing)
            {
                values[t] = Math.Clamp(adjusted[t] + indices[t % period], min, max);
            }

            return (values, trailing);
        }

        return (linear, trailing);
    }

    private static void InterpolateLinear(double[] x)
    {
        var previous = -1;
        for (var t = 0; t < x.Length; t++)
        {
            if (double.IsNaN(x[t]))
            {
                continue;
            }

            for (var k = previous + 1; k < t && previous >= 0; k++)
            {
                x[k] = x[previous] + (x[t] - x[previous]) * (k - previous) / (t - previous);
            }

            previous = t;
        }
    }
}
