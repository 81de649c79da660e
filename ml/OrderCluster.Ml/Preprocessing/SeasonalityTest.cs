using OrderCluster.Ml.Numerics;

namespace OrderCluster.Ml.Preprocessing;

/// <summary>
/// The seasonality test of the Theta method in R's <c>thetaf</c> (Hyndman &amp; Billah 2003): the lag-m
/// autocorrelation is significant at 90% against its Bartlett standard error sqrt((1 + 2 Σ_{k&lt;m} r_k²) / n).
/// </summary>
internal static class SeasonalityTest
{
    private const double CriticalValue = 1.6448536269514722; // standard-normal 95% quantile (one-sided 90% test of |r|)

    public static bool IsSeasonal(ReadOnlySpan<double> y, int period)
    {
        if (period <= 1 || y.Length <= 2 * period || Stats.IsConstant(y))
        {
            return false;
        }

        var r = Stats.Autocorrelations(y, period);
        var sum = 0.0;
        for (var k = 0; k < period - 1; k++)
        {
            sum += r[k] * r[k];
        }

        var standardError = Math.Sqrt((1 + 2 * sum) / y.Length);
        return Math.Abs(r[period - 1]) / standardError > CriticalValue;
    }

    /// <summary>The candidate periods a model may use: tested (unless disabled) and with at least two full cycles.</summary>
    public static int[] UsablePeriods(ReadOnlySpan<double> y, ForecastOptions options)
    {
        var usable = new List<int>();
        foreach (var m in options.SeasonalPeriods)
        {
            if (m <= 1 || usable.Contains(m) || y.Length < 2 * m)
            {
                continue;
            }

            if (!options.TestSeasonality || IsSeasonal(y, m))
            {
                usable.Add(m);
            }
        }

        return [.. usable];
    }
}
