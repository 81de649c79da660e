using OrderCluster.Ml.Auto;
using OrderCluster.Ml.Ets;
using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml.Tests.Preprocessing;

public sealed class ZeroDemandTests
{
    private static readonly ForecastOptions Weekly = new() { SeasonalPeriods = [7] };

    /// <summary>Positive demand around 50 with zeros at random with the given probability.</summary>
    private static double[] Intermittent(double zeroProbability, int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length)
            .Select(_ => random.NextDouble() < zeroProbability ? 0 : Math.Round(50 + 5 * Synthetic.Gaussian(random)))
            .ToArray();
    }

    [Fact]
    public void The_probability_of_a_zero_is_estimated_from_recent_observations()
    {
        var zeros = ZeroDemand.Detect(Intermittent(0.3, 400, 101), 7);

        Assert.NotNull(zeros);
        Assert.InRange(zeros.Probability, 0.15, 0.45);
    }

    [Fact]
    public void Series_with_negative_values_too_few_or_too_many_zeros_are_left_alone()
    {
        Assert.Null(ZeroDemand.Detect(Intermittent(0.0, 200, 102), 7));
        Assert.Null(ZeroDemand.Detect(Intermittent(0.8, 200, 103), 7));
        Assert.Null(ZeroDemand.Detect([-1, 0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 1));
    }

    [Fact]
    public void The_forecast_is_the_positive_demand_median_and_the_lower_bound_is_zero()
    {
        var y = Intermittent(0.2, 300, 104);

        var forecast = new EtsForecaster().Fit(y, Weekly).Forecast(7);

        // Median of the mixture: the (0.5 − p)/(1 − p) ≈ 0.375 quantile of N(50, 5²) ≈ 48.4, far above the zero-dragged mean of ≈ 40.
        Assert.All(forecast.Point.ToArray(), p => Assert.InRange(p, 45, 52));
        Assert.All(forecast.Lower.ToArray(), l => Assert.Equal(0, l));
        Assert.All(forecast.Upper.ToArray(), u => Assert.InRange(u, 52, 70));
    }

    [Fact]
    public void A_run_of_zeros_makes_zero_the_median_forecast()
    {
        var y = Intermittent(0.1, 300, 105).Concat(Enumerable.Repeat(0.0, 30)).ToArray();

        var forecast = new AutoForecaster().Fit(y, Weekly).Forecast(7);

        Assert.All(forecast.Point.ToArray(), p => Assert.Equal(0, p));
    }

    [Fact]
    public void Updates_with_zeros_raise_the_zero_probability()
    {
        var model = new EtsForecaster().Fit(Intermittent(0.2, 300, 106), Weekly);
        var before = model.Forecast(1).Point[0];

        for (var i = 0; i < 40; i++)
        {
            model.Update(0);
        }

        Assert.True(before > 40);
        Assert.Equal(0, model.Forecast(1).Point[0]);
        Assert.Contains("P(0)=", model.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Separation_can_be_switched_off()
    {
        var model = new EtsForecaster().Fit(Intermittent(0.2, 300, 107), Weekly with { SeparateZeros = false });

        Assert.DoesNotContain("P(0)", model.Description, StringComparison.Ordinal);
    }
}
