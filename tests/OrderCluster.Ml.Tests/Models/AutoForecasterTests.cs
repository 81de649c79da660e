using OrderCluster.Ml.Auto;
using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Evaluation;
using OrderCluster.Ml.Theta;

namespace OrderCluster.Ml.Tests.Models;

public sealed class AutoForecasterTests
{
    private static readonly ForecastOptions Weekly = new() { SeasonalPeriods = [7], Horizon = 14 };

    [Fact]
    public void The_combination_weights_sum_to_one_and_use_at_most_the_top_models()
    {
        var y = Synthetic.Series(200, t => Synthetic.TrendSeason(t, 7), 2, seed: 51);

        var model = new AutoForecaster().Fit(y, Weekly);

        var combination = Assert.IsType<CombinationModel>(Unwrap(model));
        Assert.InRange(combination.Models.Count, 1, 3);
        Assert.Equal(1, combination.Weights.Sum(), 10);
    }

    [Fact]
    public void Select_best_keeps_a_single_model()
    {
        var y = Synthetic.Series(200, t => Synthetic.TrendSeason(t, 7), 2, seed: 52);

        var model = new AutoForecaster(new AutoForecasterOptions { Method = CombinationMethod.SelectBest }).Fit(y, Weekly);

        Assert.Single(Assert.IsType<CombinationModel>(Unwrap(model)).Models);
    }

    [Fact]
    public void The_combination_beats_seasonal_naive_on_trending_seasonal_series()
    {
        var series = Enumerable.Range(0, 12).Select(s => Synthetic.Series(160, t => Synthetic.TrendSeason(t, 7), 3, seed: 60 + s)).ToList();

        var report = Backtester.Run([new AutoForecaster(), new SeasonalNaiveForecaster()], series, Weekly,
            new BacktestOptions { Horizon = 14, Origins = 2, SeasonalPeriod = 7 });

        Assert.True(report.Models[0].Mase < 0.8 * report.Models[1].Mase, $"{report.Models[0].Mase} vs {report.Models[1].Mase}");
    }

    [Fact]
    public void Candidates_can_be_restricted_and_foreign_forecasters_are_rejected()
    {
        var y = Synthetic.Series(100, t => Synthetic.TrendSeason(t, 7), 2, seed: 53);

        var model = new AutoForecaster(new AutoForecasterOptions { Candidates = [new ThetaForecaster()] }).Fit(y, Weekly);

        Assert.Contains("Theta", model.Description, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => new AutoForecasterOptions { Candidates = [new ForeignForecaster()] }.Validate());
        Assert.Contains("Foreign", error.Message, StringComparison.Ordinal);
    }

    private static ForecastModel Unwrap(ForecastModel model) =>
        model is OrderCluster.Ml.Preprocessing.TransformedModel transformed ? transformed.Inner : model;

    private sealed class ForeignForecaster : IForecaster
    {
        public string Name => "Foreign";

        public ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options) => throw new InvalidOperationException();
    }
}
