using OrderCluster.Ml.Decomposition;
using OrderCluster.Ml.Numerics;

namespace OrderCluster.Ml.Preprocessing;

/// <summary>
/// Winsorises outliers before fitting, in the spirit of R's <c>tsoutliers</c>: residuals from a robust fit
/// (robust MSTL when seasonal, a running median otherwise) beyond k robust standard deviations are pulled back to
/// ±k, so one wholesale order or a sensor glitch does not drive the level, trend or seasonal estimates.
/// </summary>
internal static class OutlierClipper
{
    public static double[] Clip(double[] y, int[] periods, double threshold)
    {
        var n = y.Length;
        var fitted = new double[n];
        if (periods.Length > 0)
        {
            var decomposition = Mstl.Decompose(y, periods, robust: true, iterations: 1);
            for (var t = 0; t < n; t++)
            {
                fitted[t] = y[t] - decomposition.Remainder[t];
            }
        }
        else
        {
            RunningMedian(y, 7, fitted);
        }

        var residuals = new double[n];
        for (var t = 0; t < n; t++)
        {
            residuals[t] = y[t] - fitted[t];
        }

        var scale = Stats.RobustSd(residuals);
        if (!(scale > 0))
        {
            return y;
        }

        var clipped = new double[n];
        var limit = threshold * scale;
        for (var t = 0; t < n; t++)
        {
            clipped[t] = fitted[t] + Math.Clamp(residuals[t], -limit, limit);
        }

        return clipped;
    }

    private static void RunningMedian(double[] y, int width, double[] result)
    {
        var half = width / 2;
        var window = new double[width];
        for (var t = 0; t < y.Length; t++)
        {
            var from = Math.Max(0, t - half);
            var to = Math.Min(y.Length, t + half + 1);
            var count = to - from;
            Array.Copy(y, from, window, 0, count);
            result[t] = Stats.Median(window.AsSpan(0, count));
        }
    }
}
