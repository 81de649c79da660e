using OrderCluster.Ml.Decomposition;
using OrderCluster.Ml.Numerics;

namespace OrderCluster.Ml.Ets;

/// <summary>One fitted ETS model: its class, parameters, final state, error variance and information criterion.</summary>
internal sealed record EtsFit(EtsSpec Spec, EtsParameters Parameters, EtsState FinalState, double Sigma2, double Aicc, int Period);

/// <summary>
/// Maximum-likelihood fitting of ETS models (Hyndman, Koehler, Ord &amp; Snyder 2008, ch. 5): Nelder–Mead on the
/// concentrated Gaussian likelihood over the smoothing parameters and the initial level and trend, inside the
/// usual admissible region (0 &lt; β ≤ α &lt; 1, 0 &lt; γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98). Seasonal initial states come from a
/// classical decomposition of the first cycles (the heuristic of section 2.6.1) and are counted as parameters.
/// </summary>
internal static class EtsFitter
{
    private const double MinSmoothing = 1e-4;

    /// <summary>Fits every admissible candidate and returns the one with the smallest AICc, or null if none fits.</summary>
    public static EtsFit? SelectByAicc(double[] y, IEnumerable<EtsSpec> candidates, int period)
    {
        EtsFit? best = null;
        foreach (var spec in candidates)
        {
            var fit = Fit(y, spec, period);
            if (fit is not null && (best is null || fit.Aicc < best.Aicc))
            {
                best = fit;
            }
        }

        return best;
    }

    /// <summary>The model classes worth trying on <paramref name="y"/> (Hyndman et al.'s restricted set: no additive error with multiplicative season).</summary>
    public static IEnumerable<EtsSpec> Candidates(double[] y, bool seasonal, bool allowMultiplicative = true)
    {
        var positive = y.All(v => v > 0) && allowMultiplicative;
        foreach (var error in positive ? new[] { EtsError.Additive, EtsError.Multiplicative } : [EtsError.Additive])
        {
            foreach (var trend in new[] { EtsTrend.None, EtsTrend.Additive, EtsTrend.AdditiveDamped })
            {
                yield return new EtsSpec(error, trend, EtsSeason.None);
                if (!seasonal)
                {
                    continue;
                }

                yield return new EtsSpec(error, trend, EtsSeason.Additive);
                if (positive && error == EtsError.Multiplicative)
                {
                    yield return new EtsSpec(error, trend, EtsSeason.Multiplicative);
                }
            }
        }
    }

    /// <summary>Fits one model class; null when the data are too short or the class needs positive data.</summary>
    public static EtsFit? Fit(double[] y, EtsSpec spec, int period)
    {
        var n = y.Length;
        var m = spec.HasSeason ? period : 1;
        if (spec.HasSeason && (period < 2 || n < 2 * period))
        {
            return null;
        }

        if ((spec.Error == EtsError.Multiplicative || spec.Season == EtsSeason.Multiplicative) && y.Any(v => v <= 0))
        {
            return null;
        }

        // α, ℓ0 (+ β, b0) (+ γ and m − 1 free seasonal states, as the indices are normalised) (+ φ), as R's ets() counts.
        var parameterCount = 2 + (spec.HasTrend ? 2 : 0) + (spec.HasSeason ? m : 0) + (spec.IsDamped ? 1 : 0);
        var k = parameterCount + 1; // + the error variance
        if (n <= k + 1)
        {
            return null;
        }

        var (level0, trend0, season0) = InitialStates(y, spec, m);
        var range = Math.Max(y.Max() - y.Min(), 1e-8 * Math.Max(1, Math.Abs(level0)));

        // x = [alpha, beta/alpha, gamma/(1-alpha), phi, level0, trend0], only the entries the class uses.
        var layout = new Layout(spec);
        var start = new double[layout.Dimension];
        var lower = new double[layout.Dimension];
        var upper = new double[layout.Dimension];
        Set(layout.Alpha, 0.2, MinSmoothing, 0.9999);
        Set(layout.Beta, 0.1, MinSmoothing, 1);
        Set(layout.Gamma, 0.05, MinSmoothing, 1);
        Set(layout.Phi, 0.97, 0.8, 0.98);
        var levelFloor = spec.Error == EtsError.Multiplicative || spec.Season == EtsSeason.Multiplicative ? 1e-8 : double.NegativeInfinity;
        Set(layout.Level, level0, Math.Max(levelFloor, level0 - range), level0 + range);
        Set(layout.Trend, trend0, trend0 - range / Math.Max(10, m), trend0 + range / Math.Max(10, m));

        var scratch = new double[season0.Length];
        double Objective(double[] x) => EtsLikelihood.Fast(
            y, spec, layout.Parameters(x), layout.Level >= 0 ? x[layout.Level] : level0, layout.Trend >= 0 ? x[layout.Trend] : trend0, season0, scratch);

        var evaluations = 60 * layout.Dimension;
        var (best, value) = NelderMead.Minimise(Objective, start, lower, upper, evaluations, 1e-8);
        if (!double.IsFinite(value) || value >= double.MaxValue)
        {
            return null;
        }

        var fitted = layout.Parameters(best);
        var state = Reset(new EtsState(level0, trend0, new double[season0.Length], 0), layout, best, level0, trend0, season0);
        var lik = EtsLikelihood.MinusTwoLogLikelihood(y, spec, fitted, state, out var sse);
        var aicc = lik + 2 * k + 2.0 * k * (k + 1) / (n - k - 1);
        var sigma2 = sse / Math.Max(1, n - parameterCount);
        return new EtsFit(spec, fitted, state, sigma2, aicc, m);

        void Set(int index, double value, double lo, double hi)
        {
            if (index < 0)
            {
                return;
            }

            lower[index] = lo;
            upper[index] = hi;
            start[index] = Math.Clamp(value, lo, hi);
        }
    }

    private static EtsState Reset(EtsState state, Layout layout, double[] x, double level0, double trend0, double[] season0)
    {
        var level = layout.Level >= 0 ? x[layout.Level] : level0;
        var trend = layout.Trend >= 0 ? x[layout.Trend] : trend0;
        Array.Copy(season0, state.Season, season0.Length);
        return new EtsState(level, trend, state.Season, 0);
    }

    /// <summary>Heuristic initial states: seasonal indices of the first cycles, then a line through the first deseasonalised values.</summary>
    private static (double Level, double Trend, double[] Season) InitialStates(double[] y, EtsSpec spec, int m)
    {
        var season = Array.Empty<double>();
        var adjusted = y;
        if (spec.HasSeason)
        {
            var multiplicative = spec.Season == EtsSeason.Multiplicative;
            var cycles = Math.Min(y.Length / m, 5);
            season = ClassicalDecomposition.SeasonalIndices(y.AsSpan(0, cycles * m), m, multiplicative);
            adjusted = new double[y.Length];
            for (var t = 0; t < y.Length; t++)
            {
                adjusted[t] = multiplicative ? y[t] / season[t % m] : y[t] - season[t % m];
            }
        }

        var count = Math.Min(adjusted.Length, Math.Max(10, m));
        var head = adjusted.AsSpan(0, count);
        if (!spec.HasTrend)
        {
            return (Stats.Mean(head), 0, season);
        }

        // Least-squares line over t = 1..count, so the intercept is the level one step before the first observation.
        var slope = Stats.TrendSlope(head);
        var level = Stats.Mean(head) - slope * ((count - 1) / 2.0 + 1);
        return (level, slope, season);
    }

    /// <summary>Where each parameter sits in the optimiser's vector (-1 when the class does not use it).</summary>
    private sealed class Layout
    {
        public Layout(EtsSpec spec)
        {
            var next = 0;
            Alpha = next++;
            Beta = spec.HasTrend ? next++ : -1;
            Gamma = spec.HasSeason ? next++ : -1;
            Phi = spec.IsDamped ? next++ : -1;
            Level = next++;
            Trend = spec.HasTrend ? next++ : -1;
            Dimension = next;
        }

        public int Alpha { get; }
        public int Beta { get; }
        public int Gamma { get; }
        public int Phi { get; }
        public int Level { get; }
        public int Trend { get; }
        public int Dimension { get; }

        public EtsParameters Parameters(double[] x)
        {
            var alpha = x[Alpha];
            return new EtsParameters(
                alpha,
                Beta >= 0 ? alpha * x[Beta] : 0,
                Gamma >= 0 ? (1 - alpha) * x[Gamma] : 0,
                Phi >= 0 ? x[Phi] : 1);
        }
    }
}
