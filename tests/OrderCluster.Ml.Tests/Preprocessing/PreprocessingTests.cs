using OrderCluster.Ml.Numerics;
using OrderCluster.Ml.Preprocessing;
using OrderCluster.Ml.Ssa;

namespace OrderCluster.Ml.Tests.Preprocessing;

public sealed class PreprocessingTests
{
    [Fact]
    public void Box_cox_inverts_its_forward_transform()
    {
        foreach (var transform in new[] { new BoxCox(0, 0), new BoxCox(0.3, 1), new BoxCox(1, 0) })
        {
            foreach (var y in new[] { 0.5, 1, 17, 1234 })
            {
                Assert.Equal(y, transform.Inverse(transform.Forward(y)), 8);
            }
        }
    }

    [Fact]
    public void Guerrero_picks_a_log_for_multiplicative_spread_and_no_transform_for_constant_spread()
    {
        var random = new Random(81);
        var multiplicative = Enumerable.Range(0, 240).Select(t => Math.Exp(1 + 0.02 * t + 0.2 * Synthetic.Gaussian(random))).ToArray();
        var additive = Enumerable.Range(0, 240).Select(t => 100 + 2.0 * t + 5 * Synthetic.Gaussian(random)).ToArray();

        Assert.InRange(BoxCox.GuerreroLambda(multiplicative, 0, 12), 0, 0.2);
        Assert.InRange(BoxCox.GuerreroLambda(additive, 0, 12), 0.8, 1);
        Assert.NotNull(BoxCox.Choose(TransformMode.Auto, multiplicative, 12));
        Assert.Null(BoxCox.Choose(TransformMode.Auto, additive, 12));
    }

    [Fact]
    public void A_transform_needing_non_negative_data_says_so()
    {
        var error = Assert.Throws<ArgumentException>(() => BoxCox.Choose(TransformMode.Log, [1, -2, 3, 4, 5], 1));
        Assert.Contains("non-negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seasonality_test_finds_a_weekly_cycle_and_not_one_in_white_noise()
    {
        var seasonal = Synthetic.Series(140, t => 10 * Math.Sin(2 * Math.PI * t / 7), 2, seed: 82);
        var noise = Synthetic.Series(140, _ => 0, 1, seed: 83);

        Assert.True(SeasonalityTest.IsSeasonal(seasonal, 7));
        Assert.False(SeasonalityTest.IsSeasonal(noise, 7));
    }

    [Fact]
    public void Missing_values_are_filled_on_the_seasonal_pattern()
    {
        var y = Enumerable.Range(0, 70).Select(t => 10 * Math.Sin(2 * Math.PI * t / 7)).ToArray();
        var holes = (double[])y.Clone();
        holes[30] = holes[31] = holes[32] = double.NaN;

        var (filled, trailing) = MissingValues.Fill(holes, 7);

        Assert.Equal(0, trailing);
        // Linear interpolation would be off by up to 6 here (e.g. 3.9 instead of 9.75 at t = 30).
        for (var t = 30; t <= 32; t++)
        {
            Assert.InRange(filled[t], y[t] - 1, y[t] + 1);
        }
    }

    [Fact]
    public void Outlier_clipping_pulls_a_spike_back_but_leaves_ordinary_values()
    {
        var y = Synthetic.Series(120, t => 50 + 5 * Math.Sin(2 * Math.PI * t / 12), 1, seed: 84);
        y[70] = 500;

        var clipped = OutlierClipper.Clip(y, [12], 3);

        Assert.InRange(clipped[70], 40, 65);
        Assert.Equal(y[10], clipped[10], 6);
    }

    [Fact]
    public void Stabilising_an_explosive_recurrence_clamps_its_roots_to_the_unit_circle()
    {
        // y_t = 2·1.05·cos(w)·y_{t−1} − 1.05²·y_{t−2}: a sinusoid growing 5% per step.
        var w = 2 * Math.PI / 12;
        double[] growing = [2 * 1.05 * Math.Cos(w), -1.05 * 1.05];

        var stable = LinearRecurrence.Stabilise(growing, 1.0);

        Assert.Equal(2 * Math.Cos(w), stable[0], 8);
        Assert.Equal(-1, stable[1], 8);
        Assert.Same(stable, LinearRecurrence.Stabilise(stable, 1.0 + 1e-6));
    }

    [Fact]
    public void Nelder_mead_finds_a_minimum_inside_the_box_and_respects_the_bounds()
    {
        var (inside, _) = NelderMead.Minimise(x => Math.Pow(x[0] - 0.3, 2) + Math.Pow(x[1] + 0.2, 2), [0, 0], [-1, -1], [1, 1], 400);
        var (edge, _) = NelderMead.Minimise(x => Math.Pow(x[0] - 5, 2), [0], [-1], [1], 400);

        Assert.Equal(0.3, inside[0], 3);
        Assert.Equal(-0.2, inside[1], 3);
        Assert.Equal(1, edge[0], 6);
    }
}
