using OrderCluster.Ml.Auto;
using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Decomposition;
using OrderCluster.Ml.Ets;
using OrderCluster.Ml.Ssa;
using OrderCluster.Ml.Theta;

namespace OrderCluster.Ml.Tests.Models;

/// <summary>The documented fallbacks and errors, checked for every method.</summary>
public sealed class EdgeCaseTests
{
    public static TheoryData<string> Methods => ["auto", "ets", "ssa", "theta", "mstl", "snaive", "naive"];

    public static TheoryData<string> SeasonalMethods => ["auto", "ets", "ssa", "theta", "mstl", "snaive"];

    private static readonly ForecastOptions Weekly = new() { SeasonalPeriods = [7] };

    private static IForecaster Create(string name) => name switch
    {
        "auto" => new AutoForecaster(),
        "ets" => new EtsForecaster(),
        "ssa" => new SsaForecaster(),
        "theta" => new ThetaForecaster(),
        "mstl" => new MstlForecaster(),
        "snaive" => new SeasonalNaiveForecaster(),
        _ => new NaiveForecaster(),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_constant_series_is_forecast_as_that_constant(string method)
    {
        var y = Enumerable.Repeat(42.0, 60).ToArray();

        var forecast = Create(method).Fit(y, Weekly).Forecast(10);

        Assert.All(forecast.Point.ToArray(), p => Assert.Equal(42, p, 6));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_series_shorter_than_two_seasons_falls_back_to_a_non_seasonal_forecast(string method)
    {
        double[] y = [5, 7, 6, 8, 7, 9, 8, 10, 9, 11];

        var forecast = Create(method).Fit(y, new ForecastOptions { SeasonalPeriods = [24] }).Forecast(5);

        Assert.All(forecast.Point.ToArray(), p => Assert.InRange(p, 4, 16));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Zeros_and_intermittent_demand_give_finite_forecasts(string method)
    {
        var random = new Random(71);
        var y = Enumerable.Range(0, 84).Select(_ => random.NextDouble() < 0.4 ? 0.0 : random.Next(1, 20)).ToArray();

        var forecast = Create(method).Fit(y, Weekly).Forecast(14);

        Assert.All(forecast.Point.ToArray(), p => Assert.True(double.IsFinite(p) && p > -1 && p < 40));
        Assert.All(forecast.Upper.ToArray(), u => Assert.True(double.IsFinite(u)));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Missing_values_inside_the_series_are_interpolated(string method)
    {
        var y = Synthetic.Series(84, t => Synthetic.TrendSeason(t, 7), 0.5, seed: 72);
        var holes = (double[])y.Clone();
        foreach (var t in new[] { 0, 1, 20, 21, 22, 50 })
        {
            holes[t] = double.NaN;
        }

        var complete = Create(method).Fit(y[2..], Weekly).Forecast(7);
        var gappy = Create(method).Fit(holes, Weekly).Forecast(7);

        for (var h = 0; h < 7; h++)
        {
            Assert.InRange(gappy.Point[h], complete.Point[h] - 5, complete.Point[h] + 5);
        }
    }

    [Theory]
    [MemberData(nameof(SeasonalMethods))]
    public void Trailing_missing_values_move_the_forecast_origin_past_them(string method)
    {
        var y = Synthetic.Series(84, t => Synthetic.TrendSeason(t, 7), 0.2, seed: 73);
        var withTail = y.Concat([double.NaN, double.NaN]).ToArray();

        var forecast = Create(method).Fit(withTail, Weekly).Forecast(7);

        // The first forecast is for time 86, not 84.
        Assert.InRange(forecast.Point[0], Synthetic.TrendSeason(86, 7) - 6, Synthetic.TrendSeason(86, 7) + 6);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_series_without_any_value_is_a_clear_error(string method)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(method).Fit([double.NaN, double.NaN], Weekly));
        Assert.Contains("no finite observation", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Create(method).Fit([], Weekly));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Infinite_values_are_rejected_with_their_position(string method)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(method).Fit([1, 2, double.PositiveInfinity, 4, 5, 6], Weekly));
        Assert.Contains("position 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_observation_gives_a_naive_forecast_with_unknown_bounds()
    {
        var forecast = new AutoForecaster().Fit([7], Weekly).Forecast(3);

        Assert.Equal([7, 7, 7], forecast.Point.ToArray());
        Assert.True(double.IsNaN(forecast.Lower[0]) && double.IsNaN(forecast.Upper[0]));
    }

    [Fact]
    public void Ssa_needs_four_observations()
    {
        var error = Assert.Throws<ArgumentException>(() => new SsaForecaster().Fit([1, 2, 3], Weekly));
        Assert.Contains("at least 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_arguments_are_validated()
    {
        var model = new NaiveForecaster().Fit([1, 2, 3], Weekly);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forecast(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forecast(3, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Update(double.PositiveInfinity));
    }

    [Fact]
    public void Invalid_forecast_options_name_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new NaiveForecaster().Fit([1, 2, 3], new ForecastOptions { SeasonalPeriods = [0] }));
        Assert.Contains("SeasonalPeriods", error.Message, StringComparison.Ordinal);
    }
}
