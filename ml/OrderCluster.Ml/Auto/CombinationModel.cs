using System.Globalization;

namespace OrderCluster.Ml.Auto;

/// <summary>
/// A weighted average of fitted models. Point forecasts and interval bounds are averaged with the same weights
/// (quantile averaging), which keeps the bounds ordered and is well calibrated in practice.
/// </summary>
internal sealed class CombinationModel(ForecastModel[] models, double[] weights) : ForecastModel
{
    public override string Name => "Auto";

    public override string Description => "Auto[" + string.Join(", ", models.Select((m, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Description}:{weights[i]:0.00}"))) + "]";

    internal IReadOnlyList<ForecastModel> Models => models;

    internal IReadOnlyList<double> Weights => weights;

    internal override void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level)
    {
        point.Clear();
        lower.Clear();
        upper.Clear();
        var p = new double[point.Length];
        var l = new double[point.Length];
        var u = new double[point.Length];
        for (var i = 0; i < models.Length; i++)
        {
            models[i].ForecastInto(p, l, u, level);
            for (var h = 0; h < point.Length; h++)
            {
                point[h] += weights[i] * p[h];
                lower[h] += weights[i] * l[h];
                upper[h] += weights[i] * u[h];
            }
        }
    }

    internal override void PointInto(Span<double> point)
    {
        point.Clear();
        var p = new double[point.Length];
        for (var i = 0; i < models.Length; i++)
        {
            models[i].PointInto(p);
            for (var h = 0; h < point.Length; h++)
            {
                point[h] += weights[i] * p[h];
            }
        }
    }

    internal override void UpdateCore(double observation)
    {
        foreach (var model in models)
        {
            model.UpdateCore(observation);
        }
    }
}
