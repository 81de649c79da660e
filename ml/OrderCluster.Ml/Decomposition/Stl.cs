namespace OrderCluster.Ml.Decomposition;

/// <summary>One STL decomposition: y = seasonal + trend + remainder, with the robustness weights of the last pass.</summary>
internal sealed record StlResult(double[] Seasonal, double[] Trend, double[] Remainder, double[] Weights);

/// <summary>
/// Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae &amp; Terpenning 1990), with the defaults of
/// the paper: local-constant cycle-subseries smoothing, a trend window of the next odd number above
/// 1.5 p / (1 - 1.5 / ns), and bisquare robustness weights from six times the median absolute remainder.
/// </summary>
internal static class Stl
{
    /// <summary>Decomposes <paramref name="y"/> with seasonal period <paramref name="period"/> (at least 2 full periods).</summary>
    /// <param name="seasonalWindow">Odd loess span of the cycle-subseries smoother (at least 7); larger means a steadier season.</param>
    /// <param name="robust">Whether to run outer robustness iterations (one inner pass each), so outliers do not bend the fit.</param>
    public static StlResult Decompose(ReadOnlySpan<double> y, int period, int seasonalWindow, bool robust)
    {
        var n = y.Length;
        var ns = NextOdd(Math.Max(7, seasonalWindow));
        var nt = NextOdd((int)Math.Ceiling(1.5 * period / (1 - 1.5 / ns)));
        var nl = NextOdd(period);
        var innerPasses = robust ? 1 : 2;
        var outerPasses = robust ? 6 : 0;

        var seasonal = new double[n];
        var trend = new double[n];
        var weights = new double[n];
        Array.Fill(weights, 1.0);
        var work = new Workspace(n, period);

        for (var outer = 0; outer <= outerPasses; outer++)
        {
            for (var inner = 0; inner < innerPasses; inner++)
            {
                InnerPass(y, period, ns, nt, nl, weights, seasonal, trend, work);
            }

            if (outer < outerPasses)
            {
                UpdateWeights(y, seasonal, trend, weights);
            }
        }

        var remainder = new double[n];
        for (var t = 0; t < n; t++)
        {
            remainder[t] = y[t] - seasonal[t] - trend[t];
        }

        return new StlResult(seasonal, trend, remainder, weights);
    }

    private static void InnerPass(ReadOnlySpan<double> y, int period, int ns, int nt, int nl, double[] weights,
        double[] seasonal, double[] trend, Workspace work)
    {
        var n = y.Length;

        // Step 1-2: detrend, then smooth each cycle-subseries, extended by one period at both ends.
        for (var t = 0; t < n; t++)
        {
            work.Detrended[t] = y[t] - trend[t];
        }

        var cycle = work.Cycle;
        for (var phase = 0; phase < period; phase++)
        {
            var count = 0;
            for (var t = phase; t < n; t += period)
            {
                work.Sub[count] = work.Detrended[t];
                work.SubWeights[count] = weights[t];
                count++;
            }

            var sub = work.Sub.AsSpan(0, count);
            var subWeights = work.SubWeights.AsSpan(0, count);
            var jump = Math.Max(1, (int)Math.Ceiling(ns / 10.0));
            var smooth = work.SubSmooth.AsSpan(0, count);
            Loess.Smooth(sub, ns, 0, jump, subWeights, smooth);
            cycle[phase] = Loess.Fit(sub, -1, ns, 0, subWeights);
            for (var j = 0; j < count; j++)
            {
                cycle[(j + 1) * period + phase] = smooth[j];
            }

            var after = (count + 1) * period + phase;
            if (after < cycle.Length)
            {
                cycle[after] = Loess.Fit(sub, count, ns, 0, subWeights);
            }
        }

        // Step 3: low-pass filter of the cycle-subseries: MA(p), MA(p), MA(3), then loess.
        var cycleLength = n + 2 * period;
        MovingAverage(cycle.AsSpan(0, cycleLength), period, work.Ma1);
        MovingAverage(work.Ma1.AsSpan(0, cycleLength - period + 1), period, work.Ma2);
        MovingAverage(work.Ma2.AsSpan(0, cycleLength - 2 * period + 2), 3, work.Ma3);
        Loess.Smooth(work.Ma3.AsSpan(0, n), nl, 1, Math.Max(1, (int)Math.Ceiling(nl / 10.0)), ReadOnlySpan<double>.Empty, work.LowPass);

        // Step 4-6: seasonal = detrended cycle minus low-pass; deseasonalise; smooth the trend.
        for (var t = 0; t < n; t++)
        {
            seasonal[t] = cycle[period + t] - work.LowPass[t];
            work.Deseasonalised[t] = y[t] - seasonal[t];
        }

        Loess.Smooth(work.Deseasonalised, nt, 1, Math.Max(1, (int)Math.Ceiling(nt / 10.0)), weights, trend);
    }

    private static void UpdateWeights(ReadOnlySpan<double> y, double[] seasonal, double[] trend, double[] weights)
    {
        var n = y.Length;
        var absolute = new double[n];
        for (var t = 0; t < n; t++)
        {
            absolute[t] = Math.Abs(y[t] - seasonal[t] - trend[t]);
        }

        var h = 6 * Numerics.Stats.Median(absolute);
        for (var t = 0; t < n; t++)
        {
            if (h <= 0)
            {
                weights[t] = 1;
                continue;
            }

            var u = absolute[t] / h;
            weights[t] = u < 1 ? (1 - u * u) * (1 - u * u) : 0;
        }
    }

    private static void MovingAverage(ReadOnlySpan<double> x, int length, Span<double> result)
    {
        var sum = 0.0;
        for (var i = 0; i < length; i++)
        {
            sum += x[i];
        }

        result[0] = sum / length;
        for (var i = length; i < x.Length; i++)
        {
            sum += x[i] - x[i - length];
            result[i - length + 1] = sum / length;
        }
    }

    private static int NextOdd(int x) => x % 2 == 0 ? x + 1 : x;

    private sealed class Workspace(int n, int period)
    {
        public double[] Detrended { get; } = new double[n];
        public double[] Cycle { get; } = new double[n + 2 * period];
        public double[] Sub { get; } = new double[n / period + 2];
        public double[] SubWeights { get; } = new double[n / period + 2];
        public double[] SubSmooth { get; } = new double[n / period + 2];
        public double[] Ma1 { get; } = new double[n + 2 * period];
        public double[] Ma2 { get; } = new double[n + 2 * period];
        public double[] Ma3 { get; } = new double[n + 2 * period];
        public double[] LowPass { get; } = new double[n];
        public double[] Deseasonalised { get; } = new double[n];
    }
}
