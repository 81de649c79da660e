using MathNet.Numerics.Distributions;

namespace OrderCluster.Ml.Numerics;

/// <summary>Small descriptive statistics used across models, allocation-free where it matters.</summary>
internal static class Stats
{
    public static double Mean(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v;
        }

        return x.Length == 0 ? double.NaN : sum / x.Length;
    }

    /// <summary>Sample variance (n - 1 denominator); NaN for fewer than two values.</summary>
    public static double Variance(ReadOnlySpan<double> x)
    {
        if (x.Length < 2)
        {
            return double.NaN;
        }

        var mean = Mean(x);
        var ss = 0.0;
        foreach (var v in x)
        {
            ss += (v - mean) * (v - mean);
        }

        return ss / (x.Length - 1);
    }

    public static double Median(ReadOnlySpan<double> x)
    {
        if (x.Length == 0)
        {
            return double.NaN;
        }

        var copy = x.ToArray();
        Array.Sort(copy);
        var mid = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[mid] : 0.5 * (copy[mid - 1] + copy[mid]);
    }

    /// <summary>Median absolute deviation scaled by 1.4826, a robust standard deviation for Gaussian data.</summary>
    public static double RobustSd(ReadOnlySpan<double> x)
    {
        var median = Median(x);
        var deviations = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            deviations[i] = Math.Abs(x[i] - median);
        }

        return 1.4826 * Median(deviations);
    }

    /// <summary>Least-squares slope of x against time 0..n-1.</summary>
    public static double TrendSlope(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        if (n < 2)
        {
            return 0;
        }

        var tMean = (n - 1) / 2.0;
        var yMean = Mean(x);
        double sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - tMean) * (x[t] - yMean);
            sxx += (t - tMean) * (t - tMean);
        }

        return sxy / sxx;
    }

    public static bool IsConstant(ReadOnlySpan<double> x)
    {
        foreach (var v in x)
        {
            if (v != x[0])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The two-sided standard-normal quantile for a central interval of the given level.</summary>
    public static double NormalQuantile(double level) => Normal.InvCDF(0, 1, 0.5 + level / 2);

    /// <summary>Sample autocorrelations r_1..r_maxLag.</summary>
    public static double[] Autocorrelations(ReadOnlySpan<double> x, int maxLag)
    {
        var n = x.Length;
        var mean = Mean(x);
        var denominator = 0.0;
        foreach (var v in x)
        {
            denominator += (v - mean) * (v - mean);
        }

        var r = new double[maxLag];
        if (denominator == 0)
        {
            return r;
        }

        for (var k = 1; k <= maxLag && k < n; k++)
        {
            var sum = 0.0;
            for (var t = 0; t + k < n; t++)
            {
                sum += (x[t] - mean) * (x[t + k] - mean);
            }

            r[k - 1] = sum / denominator;
        }

        return r;
    }
}
