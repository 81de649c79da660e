namespace OrderCluster.Ml;

/// <summary>Point forecasts and a prediction interval for each step of the horizon.</summary>
public sealed class ForecastResult
{
    private readonly double[] _point;
    private readonly double[] _lower;
    private readonly double[] _upper;

    internal ForecastResult(double[] point, double[] lower, double[] upper, double level)
    {
        _point = point;
        _lower = lower;
        _upper = upper;
        Level = level;
    }

    /// <summary>Number of forecast steps.</summary>
    public int Horizon => _point.Length;

    /// <summary>Nominal coverage of the interval, e.g. 0.95.</summary>
    public double Level { get; }

    /// <summary>Point forecasts, one per step.</summary>
    public ReadOnlySpan<double> Point => _point;

    /// <summary>Lower interval bounds (NaN when the model cannot estimate its error, e.g. from one observation).</summary>
    public ReadOnlySpan<double> Lower => _lower;

    /// <summary>Upper interval bounds (NaN when the model cannot estimate its error).</summary>
    public ReadOnlySpan<double> Upper => _upper;
}
