namespace OrderCluster.Ml.Preprocessing;

/// <summary>
/// Exact zeros of a non-negative demand series (a product not sold on a trading day) treated as a separate outcome,
/// as in hurdle models of intermittent demand: the models see only the positive demand (zeros become missing and are
/// interpolated), and the probability of a zero is smoothed exponentially as in Teunter, Syntetos &amp; Babai (2011).
/// </summary>
internal sealed record ZeroDemand(double Probability, double Smoothing)
{
    /// <summary>Smallest and largest share of zeros for which the separation is used.</summary>
    private const double MinimumShare = 0.01;
    private const double MaximumShare = 0.5;

    /// <summary>
    /// The zero process of <paramref name="series"/>, or null when the series has negative values, too few or too many
    /// zeros, or fewer than ten positive values.
    /// </summary>
    public static ZeroDemand? Detect(ReadOnlySpan<double> series, int period)
    {
        int zeros = 0, positives = 0, first = -1;
        for (var t = 0; t < series.Length; t++)
        {
            var v = series[t];
            if (double.IsNaN(v))
            {
                continue;
            }

            if (v < 0)
            {
                return null;
            }

            first = first < 0 ? t : first;
            zeros += v == 0 ? 1 : 0;
            positives += v > 0 ? 1 : 0;
        }

        var share = (double)zeros / Math.Max(1, zeros + positives);
        if (positives < 10 || share < MinimumShare || share > MaximumShare)
        {
            return null;
        }

        // Smoothing over roughly the last four periods (at least 30 observations).
        var span = Math.Max(30, 4 * period);
        var smoothing = 2.0 / (span + 1);
        var probability = share;
        for (var t = first; t < series.Length; t++)
        {
            if (!double.IsNaN(series[t]))
            {
                probability += smoothing * ((series[t] == 0 ? 1 : 0) - probability);
            }
        }

        return new ZeroDemand(probability, smoothing);
    }

    /// <summary>The series with its zeros marked missing, for the models of positive demand.</summary>
    public static double[] WithoutZeros(ReadOnlySpan<double> series)
    {
        var result = series.ToArray();
        for (var t = 0; t < result.Length; t++)
        {
            if (result[t] == 0)
            {
                result[t] = double.NaN;
            }
        }

        return result;
    }
}
