using OrderCluster.Ml.Auto;
using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Ets;
using OrderCluster.Ml.Evaluation;
using OrderCluster.Ml.Ssa;
using OrderCluster.Ml.Theta;

namespace OrderCluster.Ml.Tests.Models;

/// <summary>Empirical coverage of 95% intervals on data simulated from processes the methods assume.</summary>
public sealed class IntervalCoverageTests
{
    private const int Training = 100;
    private const int Horizon = 6;

    /// <summary>ETS(A,N,N): y_t = l_{t−1} + ε_t, l_t = l_{t−1} + α ε_t (the local level model).</summary>
    private static double[] LocalLevel(int seed, double alpha = 0.3)
    {
        var random = new Random(seed);
        var level = 50.0;
        var y = new double[Training + Horizon];
        for (var t = 0; t < y.Length; t++)
        {
            var e = Synthetic.Gaussian(random);
            y[t] = level + e;
            level += alpha * e;
        }

        return y;
    }

    /// <summary>A seasonal random walk y_t = y_{t−7} + ε_t, the process seasonal naive assumes.</summary>
    private static double[] SeasonalWalk(int seed)
    {
        var random = new Random(seed);
        var y = new double[Training + Horizon];
        for (var t = 0; t < y.Length; t++)
        {
            y[t] = (t < 7 ? 20 + 5 * Math.Sin(t) : y[t - 7]) + Synthetic.Gaussian(random);
        }

        return y;
    }

    private static double Coverage(IForecaster forecaster, Func<int, double[]> process, int count, ForecastOptions options)
    {
        var inside = 0.0;
        for (var s = 0; s < count; s++)
        {
            var y = process(1000 + s);
            var forecast = forecaster.Fit(y.AsSpan(0, Training), options).Forecast(Horizon);
            inside += AccuracyMetrics.Coverage(y.AsSpan(Training, Horizon), forecast.Lower, forecast.Upper);
        }

        return inside / count;
    }

    [Fact]
    public void Ets_analytic_intervals_cover_about_95_percent()
    {
        var ets = new EtsForecaster { Model = new EtsSpec(EtsError.Additive, EtsTrend.None, EtsSeason.None) };

        var coverage = Coverage(ets, s => LocalLevel(s), 300, new ForecastOptions { Transform = TransformMode.None });

        Assert.InRange(coverage, 0.91, 0.98);
    }

    [Fact]
    public void Ets_simulated_intervals_cover_about_95_percent()
    {
        var ets = new EtsForecaster { Model = new EtsSpec(EtsError.Multiplicative, EtsTrend.None, EtsSeason.None) };

        var coverage = Coverage(ets, s => LocalLevel(s), 200, new ForecastOptions { Transform = TransformMode.None });

        Assert.InRange(coverage, 0.90, 0.98);
    }

    [Fact]
    public void Theta_intervals_cover_about_95_percent_on_a_local_level()
    {
        var coverage = Coverage(new ThetaForecaster(), s => LocalLevel(s), 300, new ForecastOptions { Transform = TransformMode.None });

        Assert.InRange(coverage, 0.90, 0.99);
    }

    [Fact]
    public void Seasonal_naive_intervals_cover_about_95_percent_on_a_seasonal_random_walk()
    {
        var coverage = Coverage(new SeasonalNaiveForecaster(), SeasonalWalk, 300, new ForecastOptions { SeasonalPeriods = [7], Transform = TransformMode.None });

        Assert.InRange(coverage, 0.91, 0.98);
    }

    [Fact]
    public void Ssa_intervals_from_per_step_residual_variances_cover_about_95_percent()
    {
        static double[] Sine(int seed) => Synthetic.Series(Training + Horizon, t => 30 + 5 * Math.Sin(2 * Math.PI * t / 12), 1, seed);

        var coverage = Coverage(new SsaForecaster(), Sine, 200, new ForecastOptions { SeasonalPeriods = [12], Horizon = Horizon, Transform = TransformMode.None });

        Assert.InRange(coverage, 0.88, 0.99);
    }

    [Fact]
    public void Combined_intervals_cover_about_95_percent()
    {
        var coverage = Coverage(new AutoForecaster(), s => LocalLevel(s), 100, new ForecastOptions { Horizon = Horizon, Transform = TransformMode.None });

        Assert.InRange(coverage, 0.88, 0.99);
    }
}
