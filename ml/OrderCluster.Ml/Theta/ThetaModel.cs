using System.Globalization;
using OrderCluster.Ml.Numerics;

namespace OrderCluster.Ml.Theta;

/// <summary>
/// Fitted Theta state: the SES level of the deseasonalised series, running sums for its least-squares slope
/// (so <see cref="ForecastModel.Update"/> keeps the drift current), and fixed seasonal indices.
/// </summary>
internal sealed class ThetaModel : ForecastModel
{
    private readonly double _alpha;
    private readonly double _sigma2;
    private readonly double[] _indices;
    private readonly bool _multiplicative;
    private double _level;
    private int _count;
    private double _sumT;
    private double _sumY;
    private double _sumTy;
    private double _sumTt;

    public ThetaModel(double[] adjusted, double alpha, double level, double sigma2, double[] indices, bool multiplicative)
    {
        _alpha = alpha;
        _level = level;
        _sigma2 = sigma2;
        _indices = indices;
        _multiplicative = multiplicative;
        foreach (var v in adjusted)
        {
            AddToTrend(v);
        }
    }

    public override string Name => "Theta";

    public override string Description => string.Create(CultureInfo.InvariantCulture,
        $"Theta(α={_alpha:0.###}{(_indices.Length > 1 ? $",m={_indices.Length}" : "")})");

    private double Drift
    {
        get
        {
            var denominator = _count * _sumTt - _sumT * _sumT;
            return denominator > 0 ? 0.5 * (_count * _sumTy - _sumT * _sumY) / denominator : 0;
        }
    }

    internal override void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level)
    {
        var drift = Drift;
        var z = Stats.NormalQuantile(level);
        var start = (1 - Math.Pow(1 - _alpha, _count)) / _alpha;
        for (var h = 0; h < point.Length; h++)
        {
            var mean = _level + drift * (h + start);
            var halfWidth = z * Math.Sqrt(_sigma2 * (1 + _alpha * _alpha * h));
            point[h] = Reseasonalise(mean, h);
            lower[h] = Reseasonalise(mean - halfWidth, h);
            upper[h] = Reseasonalise(mean + halfWidth, h);
        }
    }

    internal override void UpdateCore(double observation)
    {
        double adjusted;
        if (double.IsNaN(observation))
        {
            adjusted = _level + Drift * (1 - Math.Pow(1 - _alpha, _count)) / _alpha;
        }
        else if (_indices.Length == 0)
        {
            adjusted = observation;
        }
        else
        {
            var index = _indices[_count % _indices.Length];
            adjusted = _multiplicative ? observation / index : observation - index;
        }

        _level += _alpha * (adjusted - _level);
        AddToTrend(adjusted);
    }

    private double Reseasonalise(double value, int stepsAhead)
    {
        if (_indices.Length == 0)
        {
            return value;
        }

        var index = _indices[(_count + stepsAhead) % _indices.Length];
        return _multiplicative ? value * index : value + index;
    }

    private void AddToTrend(double value)
    {
        var t = (double)(_count + 1);
        _sumT += t;
        _sumY += value;
        _sumTy += t * value;
        _sumTt += t * t;
        _count++;
    }
}
