namespace OrderCluster.Ml.Decomposition;

/// <summary>
/// Classical decomposition by moving averages (Kendall &amp; Stuart; R's <c>decompose</c>): a centred moving
/// average of one period estimates the trend, and the mean detrended value of each phase gives the seasonal index.
/// </summary>
internal static class ClassicalDecomposition
{
    /// <summary>
    /// Seasonal indices by phase (index i belongs to observations t with t mod period = i).
    /// Multiplicative indices average 1, additive ones average 0. Requires at least two full periods.
    /// </summary>
    public static double[] SeasonalIndices(ReadOnlySpan<double> y, int period, bool multiplicative)
    {
        var n = y.Length;
        var indices = new double[period];
        var counts = new int[period];
        var half = period / 2;
        var even = period % 2 == 0;

        // Running sum for the centred moving average (a 2 x m average when the period is even).
        for (var t = half; t < n - half; t++)
        {
            double trend;
            if (even)
            {
                var sum = 0.5 * (y[t - half] + y[t + half]);
                for (var k = t - half + 1; k < t + half; k++)
                {
                    sum += y[k];
                }

                trend = sum / period;
            }
            else
            {
                var sum = 0.0;
                for (var k = t - half; k <= t + half; k++)
                {
                    sum += y[k];
                }

                trend = sum / period;
            }

            if (multiplicative && trend <= 0)
            {
                continue;
            }

            indices[t % period] += multiplicative ? y[t] / trend : y[t] - trend;
            counts[t % period]++;
        }

        var mean = 0.0;
        for (var i = 0; i < period; i++)
        {
            indices[i] = counts[i] > 0 ? indices[i] / counts[i] : (multiplicative ? 1 : 0);
            mean += indices[i] / period;
        }

        for (var i = 0; i < period; i++)
        {
            if (multiplicative)
            {
                indices[i] = mean > 0 ? indices[i] / mean : 1;
            }
            else
            {
                indices[i] -= mean;
            }
        }

        return indices;
    }
}
