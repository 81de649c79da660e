namespace OrderCluster.Ml.Preprocessing;

/// <summary>
/// The Box-Cox transform (Box &amp; Cox 1964) of (y + shift); λ = 0 is the log. The inverse maps interval bounds
/// monotonically, so transformed-scale quantiles stay quantiles (point forecasts become medians).
/// </summary>
internal sealed record BoxCox(double Lambda, double Shift)
{
    /// <summary>Smallest argument accepted by the log/power, so a value at or below -shift maps to a finite number.</summary>
    private const double Floor = 1e-3;

    public double Forward(double y)
    {
        var x = Math.Max(y + Shift, Floor);
        return Lambda == 0 ? Math.Log(x) : (Math.Pow(x, Lambda) - 1) / Lambda;
    }

    public double Inverse(double z)
    {
        if (Lambda == 0)
        {
            return Math.Exp(Math.Min(z, 700)) - Shift;
        }

        var b = Lambda * z + 1;
        return b <= 0 ? -Shift : Math.Pow(b, 1 / Lambda) - Shift;
    }

    /// <summary>
    /// Guerrero's (1993) λ: the value in [lo, hi] that makes sd/mean^(1-λ) most constant across consecutive
    /// subseries of one period (two observations when non-seasonal), as in R's <c>BoxCox.lambda</c>.
    /// </summary>
    public static double GuerreroLambda(ReadOnlySpan<double> y, double shift, int period, double lo = 0, double hi = 1)
    {
        var length = Math.Max(2, period);
        var groups = y.Length / length;
        if (groups < 2)
        {
            return 1;
        }

        var offset = y.Length - groups * length;
        var means = new double[groups];
        var sds = new double[groups];
        for (var g = 0; g < groups; g++)
        {
            var slice = y.Slice(offset + g * length, length);
            var mean = 0.0;
            foreach (var v in slice)
            {
                mean += (v + shift) / length;
            }

            var ss = 0.0;
            foreach (var v in slice)
            {
                ss += (v + shift - mean) * (v + shift - mean);
            }

            means[g] = Math.Max(mean, Floor);
            sds[g] = Math.Sqrt(ss / (length - 1));
        }

        var bestLambda = 1.0;
        var bestCv = double.MaxValue;
        var ratios = new double[groups];
        for (var step = 0; step <= 100; step++)
        {
            var lambda = lo + (hi - lo) * step / 100.0;
            for (var g = 0; g < groups; g++)
            {
                ratios[g] = sds[g] / Math.Pow(means[g], 1 - lambda);
            }

            var cv = Math.Sqrt(Numerics.Stats.Variance(ratios)) / Numerics.Stats.Mean(ratios);
            if (cv < bestCv)
            {
                bestCv = cv;
                bestLambda = lambda;
            }
        }

        return bestLambda;
    }

    /// <summary>Chooses the transform for <paramref name="mode"/>, or null for none.</summary>
    public static BoxCox? Choose(TransformMode mode, ReadOnlySpan<double> y, int period)
    {
        if (mode == TransformMode.None || y.Length < 4 || Numerics.Stats.IsConstant(y))
        {
            return null;
        }

        var min = double.MaxValue;
        foreach (var v in y)
        {
            min = Math.Min(min, v);
        }

        if (min < 0)
        {
            if (mode == TransformMode.Auto)
            {
                return null;
            }

            throw new ArgumentException($"The {mode} transform needs non-negative data (minimum {min}).");
        }

        var shift = min == 0 ? 1.0 : 0.0;
        return mode switch
        {
            TransformMode.Log => new BoxCox(0, shift),
            TransformMode.BoxCox => new BoxCox(GuerreroLambda(y, shift, period), shift),
            _ => GuerreroLambda(y, shift, period) is var lambda && lambda < AutoThreshold ? new BoxCox(lambda, shift) : null,
        };
    }

    /// <summary>Auto mode transforms only when Guerrero's λ is below this, i.e. the spread clearly grows with the level.</summary>
    internal const double AutoThreshold = 0.7;
}
