using OrderCluster.Ml.Evaluation;

namespace OrderCluster.Ml.Tests.Evaluation;

public sealed class AccuracyMetricsTests
{
    private static readonly double[] Insample = [1, 2, 4, 3, 5, 4];

    [Fact]
    public void SMape_matches_the_M4_formula_computed_by_hand()
    {
        // 200/2 * (|10-8|/(10+8) + |5-10|/(5+10)) = 100 * (0.11111 + 0.33333)
        var value = AccuracyMetrics.SMape([10, 5], [8, 10]);
        Assert.Equal(44.4444444, value, 6);
    }

    [Fact]
    public void SMape_counts_a_zero_forecast_of_a_zero_actual_as_perfect_and_skips_missing_actuals()
    {
        Assert.Equal(0, AccuracyMetrics.SMape([0, 0], [0, 0]));
        Assert.Equal(200, AccuracyMetrics.SMape([0, double.NaN], [3, 7]));
    }

    [Fact]
    public void Mase_divides_the_mean_absolute_error_by_the_in_sample_naive_error()
    {
        // Naive scale (m = 1): |1|+|2|+|1|+|2|+|1| = 7 over 5 = 1.4. MAE = (1 + 3) / 2 = 2.
        Assert.Equal(2 / 1.4, AccuracyMetrics.Mase([5, 6], [4, 9], Insample), 10);
    }

    [Fact]
    public void Mase_uses_the_seasonal_naive_scale_for_a_seasonal_period()
    {
        // m = 2: |4-1|+|3-2|+|5-4|+|4-3| = 6 over 4 = 1.5.
        Assert.Equal(2 / 1.5, AccuracyMetrics.Mase([5, 6], [4, 9], Insample, 2), 10);
    }

    [Fact]
    public void Mase_is_NaN_when_the_in_sample_scale_is_zero()
    {
        Assert.True(double.IsNaN(AccuracyMetrics.Mase([1], [2], [3, 3, 3])));
    }

    [Fact]
    public void Rmsse_follows_M5_and_starts_the_scale_at_the_first_non_zero_observation()
    {
        // In-sample after leading zeros: [2, 4, 3] → squared changes 4, 1 → mean 2.5. MSE = (1 + 9) / 2 = 5.
        var value = AccuracyMetrics.Rmsse([5, 6], [4, 9], [0, 0, 2, 4, 3]);
        Assert.Equal(Math.Sqrt(5 / 2.5), value, 10);
    }

    [Fact]
    public void Msis_adds_the_width_and_the_scaled_penalties_of_misses()
    {
        // a = 0.05: step 1 inside: width 4. Step 2 above: width 2 + 40 * (10 - 8) = 82. Mean 43; scale 1.4.
        var value = AccuracyMetrics.Msis([5, 10], [3, 6], [7, 8], Insample, 1, 0.95);
        Assert.Equal(43 / 1.4, value, 10);
    }

    [Fact]
    public void Coverage_is_the_share_of_actuals_inside_the_bounds()
    {
        Assert.Equal(2.0 / 3, AccuracyMetrics.Coverage([1, 5, 9, double.NaN], [0, 0, 10, 0], [2, 5, 12, 1]), 10);
    }

    [Fact]
    public void Metrics_reject_forecasts_of_a_different_length()
    {
        Assert.Throws<ArgumentException>(() => AccuracyMetrics.SMape([1, 2], [1]));
    }
}
