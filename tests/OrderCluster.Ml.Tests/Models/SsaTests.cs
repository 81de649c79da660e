using OrderCluster.Ml.Ssa;

namespace OrderCluster.Ml.Tests.Models;

public sealed class SsaTests
{
    private static readonly ForecastOptions Options = new() { SeasonalPeriods = [12], Horizon = 24, Transform = TransformMode.None };

    private static double Signal(int t) => 50 + 0.2 * t + 8 * Math.Sin(2 * Math.PI * t / 12) + 3 * Math.Cos(2 * Math.PI * t / 6);

    [Fact]
    public void Recovers_trend_and_two_harmonics_with_a_small_rank()
    {
        var y = Synthetic.Series(240, Signal, 0.5, seed: 31);

        var model = new SsaForecaster().FitModel(y, Options);
        var forecast = model.Forecast(24);

        // Trend (2 components) + two sinusoids (2 each) = rank 6; noise must not add many more.
        Assert.InRange(model.Rank, 5, 10);
        Assert.True(Synthetic.MeanAbsoluteError(forecast.Point, Signal, 240) < 1.0);
    }

    [Fact]
    public void A_fixed_window_and_rank_are_used_as_given()
    {
        var y = Synthetic.Series(200, Signal, 0.5, seed: 32);

        var model = new SsaForecaster(new SsaOptions { WindowSize = 36, Rank = 6 }).FitModel(y, Options);

        Assert.Equal(36, model.WindowSize);
        Assert.Equal(6, model.Rank);
    }

    [Fact]
    public void Stabilisation_keeps_an_exponentially_growing_series_from_exploding()
    {
        var y = Enumerable.Range(0, 120).Select(t => 10 * Math.Pow(1.03, t)).ToArray();

        var stable = new SsaForecaster(new SsaOptions { Rank = 1 }).FitModel(y, Options).Forecast(48);
        var free = new SsaForecaster(new SsaOptions { Rank = 1, ShouldStabilize = false }).FitModel(y, Options).Forecast(48);

        Assert.True(free.Point[47] > 10 * Math.Pow(1.03, 160), "without stabilisation the growth continues");
        Assert.True(stable.Point[47] <= y[^1] * 1.01, "with stabilisation the root is clamped to 1");
    }

    [Fact]
    public void Max_growth_limits_the_per_step_growth_factor()
    {
        var y = Enumerable.Range(0, 120).Select(t => 10 * Math.Pow(1.05, t)).ToArray();

        var forecast = new SsaForecaster(new SsaOptions { Rank = 1, MaxGrowth = 1.01 }).FitModel(y, Options).Forecast(200);

        // Once the start-up transient has died out the forecast grows by the clamped root per step.
        Assert.InRange(forecast.Point[199] / forecast.Point[198], 1.0, 1.0101);
        Assert.True(forecast.Point[199] < y[^1] * Math.Pow(1.05, 200) / 1e3);
    }

    [Fact]
    public void Checkpoint_round_trips_through_json_and_the_restored_model_continues_identically()
    {
        var y = Synthetic.Series(200, Signal, 0.5, seed: 33);
        var model = new SsaForecaster(new SsaOptions { SeriesLength = 80 }).FitModel(y, Options with { Transform = TransformMode.Log });

        var json = model.Checkpoint().ToJson();
        var restored = SsaModel.Restore(SsaCheckpoint.FromJson(json));
        model.Update(60);
        restored.Update(60);
        model.Update(double.NaN);
        restored.Update(double.NaN);

        var a = model.Forecast(30, 0.9);
        var b = restored.Forecast(30, 0.9);
        Assert.Equal(a.Point.ToArray(), b.Point.ToArray());
        Assert.Equal(a.Lower.ToArray(), b.Lower.ToArray());
        Assert.Equal(a.Upper.ToArray(), b.Upper.ToArray());
        Assert.Equal(80, restored.Checkpoint().Buffer.Length);
        Assert.Equal(model.Checkpoint().ObservationCount, restored.Checkpoint().ObservationCount);
    }

    [Fact]
    public void Update_with_new_data_changes_the_forecast_origin()
    {
        var y = Synthetic.Series(200, Signal, 0.1, seed: 34);
        var model = new SsaForecaster().FitModel(y, Options);
        var first = model.Forecast(13).Point.ToArray();

        model.Update(Signal(200));
        var next = model.Forecast(12).Point.ToArray();

        // One step later the forecasts of the same future times agree closely.
        for (var h = 0; h < 12; h++)
        {
            Assert.InRange(next[h] - first[h + 1], -0.5, 0.5);
        }
    }

    [Fact]
    public void Corrupt_or_inconsistent_checkpoints_are_rejected()
    {
        Assert.Throws<FormatException>(() => SsaCheckpoint.FromJson("{not json"));
        Assert.Throws<FormatException>(() => SsaCheckpoint.FromJson("{\"Version\":99}"));
        Assert.Throws<ArgumentException>(() => SsaModel.Restore(new SsaCheckpoint { WindowSize = 10, Coefficients = new double[3] }));
    }

    [Fact]
    public void Invalid_options_name_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new SsaOptions { WindowSize = 1 }.Validate());
        Assert.Contains("WindowSize", error.Message, StringComparison.Ordinal);
    }
}
