using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Evaluation;
using OrderCluster.Ml.Theta;

namespace OrderCluster.Ml.Tests.Evaluation;

public sealed class BacktesterTests
{
    private static readonly IReadOnlyList<double[]> Series =
    [
        Synthetic.Series(80, t => Synthetic.TrendSeason(t, 7), 1, seed: 1),
        Synthetic.Series(60, t => 50 + 5 * Math.Sin(2 * Math.PI * t / 7), 1, seed: 2),
        Synthetic.Series(90, t => 20 + 0.1 * t, 0.5, seed: 3),
    ];

    [Fact]
    public void Every_series_gets_one_window_per_origin_and_forecaster()
    {
        var report = Backtester.Run(
            [new SeasonalNaiveForecaster(), new ThetaForecaster()], Series,
            new ForecastOptions { SeasonalPeriods = [7] }, new BacktestOptions { Horizon = 7, Origins = 3, SeasonalPeriod = 7 });

        Assert.Equal(2 * 3 * 3, report.Windows.Count);
        Assert.All(report.Models, m => Assert.Equal(9, m.Windows));
        Assert.All(report.Models, m => Assert.Equal(0, m.Failures));
    }

    [Fact]
    public void The_hold_out_is_never_seen_and_the_last_origin_ends_where_it_starts()
    {
        var report = Backtester.Run(
            [new NaiveForecaster()], Series, ForecastOptions.Default,
            new BacktestOptions { Horizon = 5, Origins = 2, Step = 3, HoldOut = 10 });

        var origins = report.Windows.Where(w => w.Series == 0).Select(w => w.Origin).Order().ToArray();
        Assert.Equal([80 - 10 - 5 - 3, 80 - 10 - 5], origins);
    }

    [Fact]
    public void Results_do_not_depend_on_the_degree_of_parallelism()
    {
        var options = new ForecastOptions { SeasonalPeriods = [7] };
        var one = Backtester.Run([new ThetaForecaster()], Series, options, new BacktestOptions { Horizon = 7, MaxDegreeOfParallelism = 1 });
        var many = Backtester.Run([new ThetaForecaster()], Series, options, new BacktestOptions { Horizon = 7, MaxDegreeOfParallelism = 4 });

        Assert.Equal(one.Models[0], many.Models[0]);
    }

    [Fact]
    public void Seasonal_naive_beats_naive_on_seasonal_series()
    {
        var report = Backtester.Run(
            [new SeasonalNaiveForecaster(), new NaiveForecaster()], Series.Take(2).ToList(),
            new ForecastOptions { SeasonalPeriods = [7], Transform = TransformMode.None }, new BacktestOptions { Horizon = 7, SeasonalPeriod = 7 });

        Assert.True(report.Models[0].Mase < report.Models[1].Mase);
    }

    [Fact]
    public void Invalid_options_name_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new BacktestOptions { Horizon = 0 }.Validate());
        Assert.Contains("Horizon", error.Message);
    }
}
