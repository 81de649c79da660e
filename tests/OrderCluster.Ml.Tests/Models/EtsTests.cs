using OrderCluster.Ml.Ets;

namespace OrderCluster.Ml.Tests.Models;

public sealed class EtsTests
{
    private static readonly ForecastOptions NoTransform = new() { Transform = TransformMode.None };

    [Fact]
    public void Recovers_a_linear_trend()
    {
        var y = Synthetic.Series(120, t => 10 + 2 * t, 1, seed: 11);

        var model = new EtsForecaster().Fit(y, NoTransform);
        var forecast = model.Forecast(10);

        Assert.Contains(",A", model.Description, StringComparison.Ordinal);
        for (var h = 0; h < 10; h++)
        {
            Assert.InRange(forecast.Point[h], 10 + 2 * (120 + h) - 4, 10 + 2 * (120 + h) + 4);
        }
    }

    [Fact]
    public void Recovers_additive_seasonality_with_trend()
    {
        var y = Synthetic.Series(140, t => Synthetic.TrendSeason(t, 7), 0.5, seed: 12);

        var model = new EtsForecaster().Fit(y, NoTransform with { SeasonalPeriods = [7] });
        var forecast = model.Forecast(14);

        Assert.StartsWith("ETS(", model.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(",N)", model.Description, StringComparison.Ordinal);
        Assert.True(Synthetic.MeanAbsoluteError(forecast.Point, t => Synthetic.TrendSeason(t, 7), 140) < 1.5);
    }

    [Fact]
    public void Selects_multiplicative_seasonality_when_the_swing_grows_with_the_level()
    {
        static double Signal(int t) => (50 + 2 * t) * (1 + 0.4 * Math.Sin(2 * Math.PI * t / 12));
        var random = new Random(13);
        var y = Enumerable.Range(0, 144).Select(t => Signal(t) * (1 + 0.02 * Synthetic.Gaussian(random))).ToArray();

        var model = new EtsForecaster().Fit(y, NoTransform with { SeasonalPeriods = [12] });

        Assert.Matches(@"^ETS\([AM],(N|A|Ad),M\)", model.Description);
        var forecast = model.Forecast(12);
        Assert.True(Synthetic.MeanAbsoluteError(forecast.Point, Signal, 144) < 0.05 * Signal(150));
    }

    [Fact]
    public void A_given_model_class_is_fitted_as_asked()
    {
        var y = Synthetic.Series(60, _ => 40, 2, seed: 14);

        var model = new EtsForecaster { Model = new EtsSpec(EtsError.Additive, EtsTrend.None, EtsSeason.None) }.Fit(y, NoTransform);

        Assert.StartsWith("ETS(A,N,N)", model.Description, StringComparison.Ordinal);
        Assert.InRange(model.Forecast(1).Point[0], 38, 42);
    }

    [Fact]
    public void Update_moves_the_level_toward_new_observations()
    {
        var y = Synthetic.Series(60, _ => 40, 1, seed: 15);
        var model = new EtsForecaster { Model = new EtsSpec(EtsError.Additive, EtsTrend.None, EtsSeason.None) }.Fit(y, NoTransform);
        var before = model.Forecast(1).Point[0];

        for (var i = 0; i < 30; i++)
        {
            model.Update(60);
        }

        Assert.True(model.Forecast(1).Point[0] > before);
    }

    [Fact]
    public void Simulated_and_analytic_intervals_contain_the_point_forecast()
    {
        var y = Synthetic.Series(96, t => Synthetic.TrendSeason(t, 12), 1, seed: 16);

        foreach (var spec in new[] { new EtsSpec(EtsError.Additive, EtsTrend.AdditiveDamped, EtsSeason.Additive), new EtsSpec(EtsError.Multiplicative, EtsTrend.Additive, EtsSeason.Multiplicative) })
        {
            var forecast = new EtsForecaster { Model = spec }.Fit(y, NoTransform with { SeasonalPeriods = [12] }).Forecast(13);
            for (var h = 0; h < 13; h++)
            {
                Assert.True(forecast.Lower[h] < forecast.Point[h] && forecast.Point[h] < forecast.Upper[h], $"{spec} step {h + 1}");
            }

            // Steps 1 and 13 share a season, so the later one must be at least as uncertain.
            Assert.True(forecast.Upper[12] - forecast.Lower[12] >= forecast.Upper[0] - forecast.Lower[0], $"{spec} widths grow");
        }
    }

    [Theory]
    [InlineData(EtsError.Additive, EtsTrend.AdditiveDamped, EtsSeason.Additive)]
    [InlineData(EtsError.Multiplicative, EtsTrend.Additive, EtsSeason.Multiplicative)]
    [InlineData(EtsError.Multiplicative, EtsTrend.None, EtsSeason.None)]
    public void The_optimisers_fast_likelihood_agrees_with_the_state_recursion(EtsError error, EtsTrend trend, EtsSeason season)
    {
        var spec = new EtsSpec(error, trend, season);
        var y = Synthetic.Series(84, t => Synthetic.TrendSeason(t, 7), 1, seed: 18);
        double[] initialSeason = season switch
        {
            EtsSeason.None => [],
            EtsSeason.Additive => [5, 3, -1, -4, -6, 0, 3],
            _ => [1.05, 1.03, 0.99, 0.96, 0.94, 1.0, 1.03],
        };
        var parameters = new EtsParameters(0.3, 0.05, 0.1, 0.9);

        var slow = EtsLikelihood.MinusTwoLogLikelihood(y, spec, parameters, new EtsState(100, 0.5, (double[])initialSeason.Clone(), 0), out _);
        var fast = EtsLikelihood.Fast(y, spec, parameters, 100, 0.5, initialSeason, new double[initialSeason.Length]);

        Assert.Equal(slow, fast, 8);
    }

    [Fact]
    public void A_seasonal_class_without_two_cycles_of_data_is_a_clear_error()
    {
        var y = Synthetic.Series(10, _ => 5, 1, seed: 17);
        var forecaster = new EtsForecaster { Model = new EtsSpec(EtsError.Additive, EtsTrend.None, EtsSeason.Additive) };

        var error = Assert.Throws<ArgumentException>(() => forecaster.Fit(y, NoTransform with { SeasonalPeriods = [7] }));
        Assert.Contains("two full cycles", error.Message, StringComparison.Ordinal);
    }
}
