using System.Globalization;

namespace OrderCluster.Ml.Preprocessing;

/// <summary>
/// The mixture "zero with probability p, otherwise the positive-demand model". Its quantile q is 0 when q ≤ p and the
/// inner model's quantile (q − p)/(1 − p) otherwise; the point forecast is the median (q = 0.5) and the bounds are the
/// (1 ± level)/2 quantiles. <see cref="ForecastModel.Update"/> moves p and, for positive demand, the inner model.
/// </summary>
internal sealed class ZeroDemandModel(ForecastModel inner, ZeroDemand zeros) : ForecastModel
{
    private double _probability = zeros.Probability;

    public override string Name => inner.Name;

    public override string Description => string.Create(
        CultureInfo.InvariantCulture, $"{inner.Description} with P(0)={_probability:0.###}");

    internal ForecastModel Inner => inner;

    internal override void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level)
    {
        var tail = (1 - level) / 2;
        Quantile(0.5, point);
        Quantile(tail, lower);
        Quantile(1 - tail, upper);
    }

    internal override void PointInto(Span<double> point) => Quantile(0.5, point);

    internal override void UpdateCore(double observation)
    {
        if (double.IsNaN(observation))
        {
            inner.UpdateCore(double.NaN);
            return;
        }

        var isZero = observation == 0;
        _probability += zeros.Smoothing * ((isZero ? 1 : 0) - _probability);
        inner.UpdateCore(isZero ? double.NaN : observation);
    }

    private void Quantile(double q, Span<double> result)
    {
        if (q <= _probability)
        {
            result.Clear();
            return;
        }

        var conditional = Math.Clamp((q - _probability) / (1 - _probability), 1e-6, 1 - 1e-6);
        var horizon = result.Length;
        var point = new double[horizon];
        var lower = new double[horizon];
        var upper = new double[horizon];
        if (Math.Abs(conditional - 0.5) < 1e-9)
        {
            inner.PointInto(point);
            point.CopyTo(result);
        }
        else
        {
            // The inner model gives central intervals: quantile q is the lower bound of level 1 − 2q (q < 0.5) or the upper bound of 2q − 1.
            inner.ForecastInto(point, lower, upper, Math.Abs(2 * conditional - 1));
            (conditional < 0.5 ? lower : upper).CopyTo(result);
        }

        for (var h = 0; h < horizon; h++)
        {
            result[h] = Math.Max(0, result[h]);
        }
    }
}
