namespace OrderCluster.Ml.Evaluation;

/// <summary>
/// Forecast accuracy measures as defined for the M4 (Makridakis, Spiliotis &amp; Assimakopoulos 2020) and M5
/// competitions. Missing actual values (NaN) are skipped; a measure whose scale is zero or undefined is NaN.
/// </summary>
public static class AccuracyMetrics
{
    /// <summary>
    /// Symmetric MAPE of M4, in percent: (200 / h) Σ |Y − F| / (|Y| + |F|). A step where both are zero counts as
    /// a perfect forecast (0) rather than 0/0.
    /// </summary>
    public static double SMape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        var sum = 0.0;
        var count = 0;
        for (var t = 0; t < actual.Length; t++)
        {
            if (double.IsNaN(actual[t]))
            {
                continue;
            }

            var denominator = Math.Abs(actual[t]) + Math.Abs(forecast[t]);
            sum += denominator == 0 ? 0 : Math.Abs(actual[t] - forecast[t]) / denominator;
            count++;
        }

        return count == 0 ? double.NaN : 200.0 * sum / count;
    }

    /// <summary>
    /// Mean absolute scaled error of M4: the mean absolute error over the horizon divided by the in-sample mean
    /// absolute error of the seasonal naive method, (1 / (n − m)) Σ_{t=m+1..n} |Y_t − Y_{t−m}|.
    /// </summary>
    public static double Mase(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, ReadOnlySpan<double> insample, int seasonalPeriod = 1)
    {
        CheckLengths(actual, forecast);
        var scale = NaiveScale(insample, seasonalPeriod, squared: false);
        var (sum, count) = ErrorSum(actual, forecast, squared: false);
        return count == 0 || !(scale > 0) ? double.NaN : sum / count / scale;
    }

    /// <summary>
    /// Root mean squared scaled error of M5: sqrt(mean squared error / in-sample mean squared one-step naive change),
    /// with the in-sample part starting at the first non-zero observation. <paramref name="seasonalPeriod"/> = 1 is
    /// the M5 definition; a larger value scales by seasonal differences instead.
    /// </summary>
    public static double Rmsse(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, ReadOnlySpan<double> insample, int seasonalPeriod = 1)
    {
        CheckLengths(actual, forecast);
        var start = 0;
        while (start < insample.Length && (insample[start] == 0 || double.IsNaN(insample[start])))
        {
            start++;
        }

        var scale = NaiveScale(insample[start..], seasonalPeriod, squared: true);
        var (sum, count) = ErrorSum(actual, forecast, squared: true);
        return count == 0 || !(scale > 0) ? double.NaN : Math.Sqrt(sum / count / scale);
    }

    /// <summary>
    /// Mean scaled interval score of M4 for a (1 − a) interval: the mean of (U − L) + (2/a)(L − Y)·1{Y &lt; L}
    /// + (2/a)(Y − U)·1{Y &gt; U}, divided by the same seasonal naive scale as <see cref="Mase"/>.
    /// </summary>
    public static double Msis(ReadOnlySpan<double> actual, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper,
        ReadOnlySpan<double> insample, int seasonalPeriod = 1, double level = 0.95)
    {
        CheckLengths(actual, lower);
        CheckLengths(actual, upper);
        var a = 1 - level;
        var scale = NaiveScale(insample, seasonalPeriod, squared: false);
        var sum = 0.0;
        var count = 0;
        for (var t = 0; t < actual.Length; t++)
        {
            if (double.IsNaN(actual[t]))
            {
                continue;
            }

            var score = upper[t] - lower[t];
            if (actual[t] < lower[t])
            {
                score += 2 / a * (lower[t] - actual[t]);
            }
            else if (actual[t] > upper[t])
            {
                score += 2 / a * (actual[t] - upper[t]);
            }

            sum += score;
            count++;
        }

        return count == 0 || !(scale > 0) ? double.NaN : sum / count / scale;
    }

    /// <summary>The fraction of actual values inside [lower, upper] (M4 compares it with the nominal level).</summary>
    public static double Coverage(ReadOnlySpan<double> actual, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        CheckLengths(actual, lower);
        CheckLengths(actual, upper);
        var inside = 0;
        var count = 0;
        for (var t = 0; t < actual.Length; t++)
        {
            if (double.IsNaN(actual[t]))
            {
                continue;
            }

            count++;
            if (actual[t] >= lower[t] && actual[t] <= upper[t])
            {
                inside++;
            }
        }

        return count == 0 ? double.NaN : (double)inside / count;
    }

    /// <summary>Mean absolute (or squared) in-sample seasonal naive change; NaN when fewer than m + 1 values.</summary>
    internal static double NaiveScale(ReadOnlySpan<double> insample, int seasonalPeriod, bool squared)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seasonalPeriod, 1);
        var sum = 0.0;
        var count = 0;
        for (var t = seasonalPeriod; t < insample.Length; t++)
        {
            var d = insample[t] - insample[t - seasonalPeriod];
            if (double.IsNaN(d))
            {
                continue;
            }

            sum += squared ? d * d : Math.Abs(d);
            count++;
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private static (double Sum, int Count) ErrorSum(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, bool squared)
    {
        var sum = 0.0;
        var count = 0;
        for (var t = 0; t < actual.Length; t++)
        {
            if (double.IsNaN(actual[t]))
            {
                continue;
            }

            var e = actual[t] - forecast[t];
            sum += squared ? e * e : Math.Abs(e);
            count++;
        }

        return (sum, count);
    }

    private static void CheckLengths(ReadOnlySpan<double> actual, ReadOnlySpan<double> other)
    {
        if (actual.Length != other.Length)
        {
            throw new ArgumentException($"The actual values ({actual.Length}) and the forecasts or bounds ({other.Length}) differ in length.");
        }
    }
}
