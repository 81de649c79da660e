using System.Globalization;

namespace OrderCluster.Ml.Preprocessing;

/// <summary>A model fitted on the Box-Cox scale, seen on the original scale.</summary>
internal sealed class TransformedModel(ForecastModel inner, BoxCox transform) : ForecastModel
{
    public override string Name => inner.Name;

    /// <summary>The model on the transformed scale.</summary>
    internal ForecastModel Inner => inner;

    public override string Description => string.Create(
        CultureInfo.InvariantCulture, $"{inner.Description} on BoxCox(λ={transform.Lambda:0.##})");

    internal override void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level)
    {
        inner.ForecastInto(point, lower, upper, level);
        for (var h = 0; h < point.Length; h++)
        {
            point[h] = transform.Inverse(point[h]);
            lower[h] = transform.Inverse(lower[h]);
            upper[h] = transform.Inverse(upper[h]);
        }
    }

    internal override void UpdateCore(double observation) =>
        inner.UpdateCore(double.IsNaN(observation) ? double.NaN : transform.Forward(observation));
}
