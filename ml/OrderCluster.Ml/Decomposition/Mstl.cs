namespace OrderCluster.Ml.Decomposition;

/// <summary>A multi-seasonal decomposition: one seasonal component per period, a trend and a remainder.</summary>
internal sealed record MstlResult(int[] Periods, double[][] Seasonals, double[] Trend, double[] Remainder)
{
    /// <summary>The series without its seasonal components (trend + remainder).</summary>
    public double[] SeasonallyAdjusted()
    {
        var adjusted = new double[Trend.Length];
        for (var t = 0; t < adjusted.Length; t++)
        {
            adjusted[t] = Trend[t] + Remainder[t];
        }

        return adjusted;
    }
}

/// <summary>
/// MSTL (Bandara, Hyndman &amp; Bergmeir 2021): STL applied in turn for each period from the shortest, iterated
/// twice so that each seasonal component is estimated on data cleaned of the others.
/// </summary>
internal static class Mstl
{
    /// <summary>Decomposes <paramref name="y"/>; periods needing more than half the data are ignored.</summary>
    public static MstlResult Decompose(ReadOnlySpan<double> y, IReadOnlyList<int> periods, bool robust, int iterations = 2)
    {
        var n = y.Length;
        var usable = periods.Where(p => p > 1 && 2 * p <= n).Distinct().Order().ToArray();
        var seasonals = usable.Select(_ => new double[n]).ToArray();
        var deseasonalised = y.ToArray();
        var trend = new double[n];
        if (usable.Length == 0)
        {
            var weights = new double[n];
            Array.Fill(weights, 1.0);
            Loess.Smooth(y, Math.Max(7, n / 4 | 1), 1, 1, weights, trend);
        }

        for (var iteration = 0; iteration < Math.Max(1, iterations) && usable.Length > 0; iteration++)
        {
            for (var k = 0; k < usable.Length; k++)
            {
                for (var t = 0; t < n; t++)
                {
                    deseasonalised[t] += seasonals[k][t];
                }

                // Seasonal windows 11, 15, ... as in the MSTL paper: longer periods get steadier seasons.
                var fit = Stl.Decompose(deseasonalised, usable[k], 7 + 4 * (k + 1), robust);
                seasonals[k] = fit.Seasonal;
                trend = fit.Trend;
                for (var t = 0; t < n; t++)
                {
                    deseasonalised[t] -= seasonals[k][t];
                }
            }
        }

        var remainder = new double[n];
        for (var t = 0; t < n; t++)
        {
            remainder[t] = deseasonalised[t] - trend[t];
        }

        return new MstlResult(usable, seasonals, trend, remainder);
    }
}
