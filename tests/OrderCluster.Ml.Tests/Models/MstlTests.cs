using OrderCluster.Ml.Decomposition;

namespace OrderCluster.Ml.Tests.Models;

public sealed class MstlTests
{
    private static double Daily(int t) => 20 * Math.Sin(2 * Math.PI * t / 24);

    private static double Weekly(int t) => 10 * Math.Cos(2 * Math.PI * t / 168);

    private static double Signal(int t) => 200 + 0.05 * t + Daily(t) + Weekly(t);

    [Fact]
    public void Mstl_separates_daily_and_weekly_cycles()
    {
        var y = Synthetic.Series(168 * 4, Signal, 1, seed: 41);

        var result = Mstl.Decompose(y, [168, 24], robust: false);

        Assert.Equal([24, 168], result.Periods);
        var middle = Enumerable.Range(168, 336).ToArray();
        Assert.True(middle.Average(t => Math.Abs(result.Seasonals[0][t] - Daily(t))) < 1.5, "daily component");
        Assert.True(middle.Average(t => Math.Abs(result.Seasonals[1][t] - Weekly(t))) < 2.0, "weekly component");
    }

    [Fact]
    public void Robust_stl_gives_an_outlier_a_small_weight_and_keeps_it_out_of_the_season()
    {
        var y = Synthetic.Series(120, t => 50 + 5 * Math.Sin(2 * Math.PI * t / 12), 0.5, seed: 42);
        y[60] += 100;

        var robust = Stl.Decompose(y, 12, 7, robust: true);

        Assert.True(robust.Weights[60] < 0.05);
        Assert.InRange(robust.Seasonal[60], 5 * Math.Sin(2 * Math.PI * 60 / 12) - 1.5, 5 * Math.Sin(2 * Math.PI * 60 / 12) + 1.5);
    }

    [Fact]
    public void Mstl_forecaster_recovers_two_seasonal_cycles()
    {
        var y = Synthetic.Series(168 * 4, Signal, 2, seed: 43);

        var model = new MstlForecaster().Fit(y, new ForecastOptions { SeasonalPeriods = [24, 168], Transform = TransformMode.None });
        var forecast = model.Forecast(48);

        Assert.StartsWith("MSTL(24,168)", model.Description, StringComparison.Ordinal);
        Assert.True(Synthetic.MeanAbsoluteError(forecast.Point, Signal, 168 * 4) < 3);
    }
}
