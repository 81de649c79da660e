namespace OrderCluster.Ml.Decomposition;

/// <summary>
/// Local regression (Cleveland 1979) as used inside STL: tricube neighbourhood weights times robustness weights,
/// a local constant or local line, evaluated every <c>jump</c> points and linearly interpolated in between.
/// </summary>
internal static class Loess
{
    /// <summary>Smooths <paramref name="y"/> (at x = 0..n-1) into <paramref name="result"/>.</summary>
    public static void Smooth(ReadOnlySpan<double> y, int span, int degree, int jump, ReadOnlySpan<double> robustness, Span<double> result)
    {
        var n = y.Length;
        if (n == 0)
        {
            return;
        }

        if (n == 1)
        {
            result[0] = y[0];
            return;
        }

        jump = Math.Max(1, Math.Min(jump, n - 1));
        var last = -1;
        for (var i = 0; i < n; i += jump)
        {
            result[i] = Fit(y, i, span, degree, robustness);
            if (last >= 0)
            {
                Interpolate(result, last, i);
            }

            last = i;
        }

        if (last != n - 1)
        {
            result[n - 1] = Fit(y, n - 1, span, degree, robustness);
            Interpolate(result, last, n - 1);
        }
    }

    /// <summary>The loess estimate at position <paramref name="x"/> (which may lie outside 0..n-1 for extrapolation).</summary>
    public static double Fit(ReadOnlySpan<double> y, double x, int span, int degree, ReadOnlySpan<double> robustness)
    {
        var n = y.Length;
        var q = Math.Min(span, n);

        // The q nearest neighbours of x form a window [left, left + q); slide it toward x.
        var centre = (int)Math.Round(Math.Clamp(x, 0, n - 1));
        var left = Math.Clamp(centre - (q - 1) / 2, 0, n - q);
        while (left > 0 && x - (left - 1) < (left + q - 1) - x)
        {
            left--;
        }

        while (left + q < n && (left + q) - x < x - left)
        {
            left++;
        }

        var right = left + q - 1;
        var h = Math.Max(x - left, right - x);
        if (span > n)
        {
            h += (span - n) / 2.0;
        }

        h = Math.Max(h, 1e-12);
        double sw = 0, swx = 0, swy = 0, swxx = 0, swxy = 0;
        for (var j = left; j <= right; j++)
        {
            var u = Math.Abs(j - x) / h;
            if (u >= 1)
            {
                continue;
            }

            var tri = 1 - u * u * u;
            var w = tri * tri * tri * (robustness.IsEmpty ? 1 : robustness[j]);
            sw += w;
            swx += w * j;
            swy += w * y[j];
            swxx += w * j * j;
            swxy += w * j * y[j];
        }

        if (sw <= 0)
        {
            return y[Math.Clamp(centre, 0, n - 1)];
        }

        var mean = swy / sw;
        if (degree == 0)
        {
            return mean;
        }

        var xMean = swx / sw;
        var sxx = swxx / sw - xMean * xMean;
        if (sxx <= 1e-12 * h * h)
        {
            return mean;
        }

        var slope = (swxy / sw - xMean * mean) / sxx;
        return mean + slope * (x - xMean);
    }

    private static void Interpolate(Span<double> result, int from, int to)
    {
        for (var k = from + 1; k < to; k++)
        {
            var f = (double)(k - from) / (to - from);
            result[k] = result[from] + f * (result[to] - result[from]);
        }
    }
}
