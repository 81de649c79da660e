using OrderCluster.Ml.Numerics;

namespace OrderCluster.Ml.Baselines;

/// <summary>Naive (period 1) or seasonal naive state: the last period of observations and the residual scale.</summary>
internal sealed class SeasonalNaiveModel : ForecastModel
{
    private readonly double[] _lastCycle;
    private readonly double _sigma;
    private readonly string _name;
    private int _position;

    public SeasonalNaiveModel(ReadOnlySpan<double> y, int period, string name)
    {
        _name = name;
        _lastCycle = y[^period..].ToArray();
        _position = 0;
        var sum = 0.0;
        var count = 0;
        for (var t = period; t < y.Length; t++)
        {
            var d = y[t] - y[t - period];
            sum += d * d;
            count++;
        }

        _sigma = count > 0 ? Math.Sqrt(sum / count) : double.NaN;
    }

    public override string Name => _name;

    public override string Description => _lastCycle.Length > 1 ? $"{_name}(m={_lastCycle.Length})" : _name;

    internal override void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level)
    {
        var period = _lastCycle.Length;
        var z = Stats.NormalQuantile(level);
        for (var h = 0; h < point.Length; h++)
        {
            point[h] = _lastCycle[(_position + h) % period];
            var completed = h / period;
            var halfWidth = z * _sigma * Math.Sqrt(completed + 1);
            lower[h] = point[h] - halfWidth;
            upper[h] = point[h] + halfWidth;
        }
    }

    internal override void UpdateCore(double observation)
    {
        // A missing observation keeps the value from one period earlier (the model's own forecast).
        if (!double.IsNaN(observation))
        {
            _lastCycle[_position] = observation;
        }

        _position = (_position + 1) % _lastCycle.Length;
    }
}
