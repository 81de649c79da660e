using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml.Ssa;

/// <summary>
/// Training of <see cref="SsaModel"/>: window choice, decomposition, rank selection by multi-step forecast error
/// over origins in the training tail, stabilisation, and per-step error variances from rolling in-sample forecasts.
/// </summary>
internal static class SsaFitter
{
    private const int RankSelectionOrigins = 6;
    private const int VarianceOrigins = 80;
    private const double RankTolerance = 0.05;

    public static SsaModel Fit(double[] series, SsaOptions options, int[] periods, int horizon, BoxCox? transform)
    {
        options.Validate();
        var y = options.TrainSize > 0 && options.TrainSize < series.Length ? series[^options.TrainSize..] : series;
        var n = y.Length;
        if (n < 4)
        {
            throw new ArgumentException($"SSA needs at least 4 observations (got {n}).");
        }

        var window = options.WindowSize > 0 ? Math.Min(options.WindowSize, n - 1) : AutomaticWindow(n, periods);
        var (vectors, _) = TrajectoryDecomposition.Decompose(y, window);
        var maxRank = Math.Clamp(options.MaxRank > 0 ? options.MaxRank : Math.Min(window / 2, 20), 1, window - 1);
        var rank = options.Rank > 0 ? Math.Min(options.Rank, window - 1) : SelectRank(y, vectors, maxRank, horizon);

        double[]? coefficients = null;
        for (; rank >= 1 && coefficients is null; rank--)
        {
            coefficients = LinearRecurrence.Coefficients(vectors, rank);
            if (coefficients is not null)
            {
                break;
            }
        }

        coefficients ??= new double[window - 1];
        rank = Math.Max(rank, 1);
        if (options.ShouldStabilize)
        {
            coefficients = LinearRecurrence.Stabilise(coefficients, options.MaxGrowth ?? 1.0);
        }

        var signal = vectors.Take(rank).ToArray();
        var variances = StepVariances(y, signal, coefficients, horizon);
        var capacity = Math.Max(window, options.SeriesLength);
        return new SsaModel(signal, coefficients, variances, y, capacity, transform, series.Length);
    }

    /// <summary>
    /// A multiple of the longest period near min(n/3, max(2·period, 60), max(period, 200)), so whole cycles fit in
    /// the window while the eigen-decompositions stay cheap (one weekly cycle of 168 for hourly data).
    /// </summary>
    internal static int AutomaticWindow(int n, int[] periods)
    {
        var period = periods.Length > 0 ? periods.Max() : 1;
        var target = Math.Min(n / 3, Math.Min(Math.Max(2 * period, 60), Math.Max(period, 200)));
        var window = period > 1 && target >= period ? target / period * period : target;
        return Math.Clamp(window, 2, n - 1);
    }

    /// <summary>The projection of <paramref name="window"/> onto the span of the first <paramref name="rank"/> (orthonormal) vectors.</summary>
    public static double[] Project(double[][] vectors, int rank, ReadOnlySpan<double> window)
    {
        var projected = new double[window.Length];
        for (var i = 0; i < rank; i++)
        {
            var u = vectors[i];
            var c = 0.0;
            for (var j = 0; j < u.Length; j++)
            {
                c += u[j] * window[j];
            }

            for (var j = 0; j < u.Length; j++)
            {
                projected[j] += c * u[j];
            }
        }

        return projected;
    }

    /// <summary>The rank whose recurrent forecasts over a few origins in the training tail have (nearly) the smallest squared error.</summary>
    private static int SelectRank(double[] y, double[][] vectors, int maxRank, int horizon)
    {
        var n = y.Length;
        var window = vectors[0].Length;
        var steps = Math.Clamp(Math.Min(horizon, n / 5), 1, n - window);
        var spacing = Math.Max(1, steps / 2);
        var origins = Enumerable.Range(0, RankSelectionOrigins)
            .Select(j => n - steps - j * spacing)
            .Where(o => o >= window)
            .ToArray();
        if (origins.Length == 0)
        {
            return 1;
        }

        var projected = origins.Select(_ => new double[window]).ToArray();
        var forecast = new double[steps];
        var errors = new List<double>();
        for (var rank = 1; rank <= maxRank; rank++)
        {
            var u = vectors[rank - 1];
            for (var k = 0; k < origins.Length; k++)
            {
                var last = y.AsSpan(origins[k] - window, window);
                var c = 0.0;
                for (var j = 0; j < window; j++)
                {
                    c += u[j] * last[j];
                }

                for (var j = 0; j < window; j++)
                {
                    projected[k][j] += c * u[j];
                }
            }

            var a = LinearRecurrence.Coefficients(vectors, rank);
            if (a is null)
            {
                break;
            }

            var error = 0.0;
            for (var k = 0; k < origins.Length; k++)
            {
                LinearRecurrence.Extend(a, projected[k].AsSpan(1), forecast);
                for (var h = 0; h < steps; h++)
                {
                    var e = y[origins[k] + h] - forecast[h];
                    error += e * e;
                }
            }

            errors.Add(double.IsFinite(error) ? error : double.MaxValue);
        }

        // Parsimony: the smallest rank within a few percent of the best, so noise components are not added for
        // a negligible in-sample gain.
        var best = errors.Min();
        return errors.FindIndex(e => e <= best * (1 + RankTolerance)) + 1;
    }

    /// <summary>Mean squared error of h-step forecasts from up to 80 origins spread over the training data, made non-decreasing in h.</summary>
    private static double[] StepVariances(double[] y, double[][] signal, double[] coefficients, int horizon)
    {
        var n = y.Length;
        var window = coefficients.Length + 1;
        var sums = new double[horizon];
        var counts = new int[horizon];
        var available = n - window;
        var stride = Math.Max(1, available / VarianceOrigins);
        var forecast = new double[horizon];
        for (var origin = window; origin < n; origin += stride)
        {
            var steps = Math.Min(horizon, n - origin);
            var projected = Project(signal, signal.Length, y.AsSpan(origin - window, window));
            LinearRecurrence.Extend(coefficients, projected.AsSpan(1), forecast.AsSpan(0, steps));
            for (var h = 0; h < steps; h++)
            {
                var e = y[origin + h] - forecast[h];
                sums[h] += e * e;
                counts[h]++;
            }
        }

        var variances = new double[horizon];
        var fallback = FirstDifferenceVariance(y);
        for (var h = 0; h < horizon; h++)
        {
            var value = counts[h] >= 3 ? sums[h] / counts[h] : (h > 0 ? variances[h - 1] : fallback);
            variances[h] = h > 0 ? Math.Max(value, variances[h - 1]) : value;
        }

        return variances;
    }

    private static double FirstDifferenceVariance(double[] y)
    {
        var sum = 0.0;
        for (var t = 1; t < y.Length; t++)
        {
            sum += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
        }

        return y.Length > 1 ? sum / (y.Length - 1) : 0;
    }
}
