using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Theta;

namespace OrderCluster.Ml.Tests.Models;

public sealed class ThetaAndBaselineTests
{
    private static readonly ForecastOptions Weekly = new() { SeasonalPeriods = [7], Transform = TransformMode.None };

    [Fact]
    public void Naive_repeats_the_last_value_with_intervals_growing_as_the_square_root_of_h()
    {
        var forecast = new NaiveForecaster().Fit([1, 3, 2, 4], Weekly).Forecast(4);

        Assert.All(forecast.Point.ToArray(), p => Assert.Equal(4, p));
        var width1 = forecast.Upper[0] - forecast.Lower[0];
        var width4 = forecast.Upper[3] - forecast.Lower[3];
        Assert.Equal(2, width4 / width1, 10);
    }

    [Fact]
    public void Seasonal_naive_repeats_the_last_cycle()
    {
        double[] y = [1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17];

        var forecast = new SeasonalNaiveForecaster().Fit(y, Weekly).Forecast(9);

        Assert.Equal([11, 12, 13, 14, 15, 16, 17, 11, 12], forecast.Point.ToArray());
    }

    [Fact]
    public void Seasonal_naive_update_shifts_the_cycle()
    {
        double[] y = [1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17];
        var model = new SeasonalNaiveForecaster().Fit(y, Weekly);

        model.Update(21);

        Assert.Equal([12, 13, 14, 15, 16, 17, 21], model.Forecast(7).Point.ToArray());
    }

    [Fact]
    public void Theta_recovers_a_multiplicative_weekly_pattern()
    {
        static double Signal(int t) => 200 * (1 + 0.3 * Math.Sin(2 * Math.PI * t / 7));
        var y = Synthetic.Series(140, Signal, 3, seed: 21);

        var model = new ThetaForecaster().Fit(y, Weekly);
        var forecast = model.Forecast(14);

        Assert.Contains("m=7", model.Description, StringComparison.Ordinal);
        Assert.True(Synthetic.MeanAbsoluteError(forecast.Point, Signal, 140) < 6);
    }

    [Fact]
    public void Theta_extrapolates_half_the_linear_trend_plus_the_smoothing_lag()
    {
        // For y = 2t with no noise SES with α near 1 tracks the line, so the forecast slope is half the trend (1 per step).
        var y = Enumerable.Range(0, 50).Select(t => 2.0 * t).ToArray();

        var forecast = new ThetaForecaster().Fit(y, Weekly with { SeasonalPeriods = [] }).Forecast(5);

        Assert.Equal(1, forecast.Point[4] - forecast.Point[3], 2);
        Assert.True(forecast.Point[0] > y[^1]);
    }
}
