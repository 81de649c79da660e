using System.Globalization;
using OrderCluster.Ml.Numerics;

namespace OrderCluster.Ml.Ets;

/// <summary>
/// A fitted ETS model. Point forecasts follow the state recursion; intervals are analytic for the linear class
/// (Hyndman et al. 2008, table 6.1: v_h = σ²[1 + Σ c_j²]) and simulated from the fitted state-space model for the
/// others (2,000 paths with a fixed seed, so a forecast is reproducible).
/// </summary>
internal sealed class EtsModel : ForecastModel
{
    private const int SimulationPaths = 2000;
    private readonly EtsFit _fit;
    private readonly EtsState _state;
    private readonly int _seed;

    public EtsModel(EtsFit fit, int seed)
    {
        _fit = fit;
        _state = fit.FinalState.Clone();
        _seed = seed;
    }

    public override string Name => "ETS";

    public override string Description => string.Create(CultureInfo.InvariantCulture,
        $"{_fit.Spec}(α={_fit.Parameters.Alpha:0.###},β={_fit.Parameters.Beta:0.###},γ={_fit.Parameters.Gamma:0.###},φ={_fit.Parameters.Phi:0.##})");

    internal EtsFit Fit => _fit;

    private double Phi => _fit.Spec.IsDamped ? _fit.Parameters.Phi : 1;

    internal override void PointInto(Span<double> point)
    {
        for (var h = 0; h < point.Length; h++)
        {
            point[h] = _state.Ahead(_fit.Spec, Phi, h + 1);
        }
    }

    internal override void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level)
    {
        PointInto(point);
        if (_fit.Spec.IsLinear)
        {
            AnalyticBounds(point, lower, upper, level);
        }
        else
        {
            SimulatedBounds(lower, upper, level);
        }
    }

    internal override void UpdateCore(double observation) => _state.Step(_fit.Spec, _fit.Parameters, observation);

    private void AnalyticBounds(ReadOnlySpan<double> point, Span<double> lower, Span<double> upper, double level)
    {
        var z = Stats.NormalQuantile(level);
        var p = _fit.Parameters;
        var spec = _fit.Spec;
        var sumSquares = 0.0;
        var dampedSum = 0.0;
        var phiPower = 1.0;
        for (var h = 0; h < point.Length; h++)
        {
            if (h > 0)
            {
                // c_j for j = h: α + β·j (or β·φ_j when damped) + γ when j is a whole number of periods.
                phiPower *= Phi;
                dampedSum += phiPower;
                var c = p.Alpha;
                if (spec.HasTrend)
                {
                    c += p.Beta * (spec.IsDamped ? dampedSum : h);
                }

                if (spec.HasSeason && h % _fit.Period == 0)
                {
                    c += p.Gamma;
                }

                sumSquares += c * c;
            }

            var halfWidth = z * Math.Sqrt(_fit.Sigma2 * (1 + sumSquares));
            lower[h] = point[h] - halfWidth;
            upper[h] = point[h] + halfWidth;
        }
    }

    private void SimulatedBounds(Span<double> lower, Span<double> upper, double level)
    {
        var horizon = lower.Length;
        var samples = new double[horizon][];
        for (var h = 0; h < horizon; h++)
        {
            samples[h] = new double[SimulationPaths];
        }

        var random = new Random(_seed);
        var sigma = Math.Sqrt(_fit.Sigma2);
        var multiplicative = _fit.Spec.Error == EtsError.Multiplicative;
        var path = _state.Clone();
        for (var i = 0; i < SimulationPaths; i++)
        {
            path.CopyFrom(_state);
            for (var h = 0; h < horizon; h++)
            {
                var forecast = path.OneStep(_fit.Spec, Phi);
                var error = sigma * StandardNormal(random);
                var y = multiplicative ? forecast * (1 + error) : forecast + error;
                path.Step(_fit.Spec, _fit.Parameters, y);
                samples[h][i] = y;
            }
        }

        var tail = (1 - level) / 2;
        for (var h = 0; h < horizon; h++)
        {
            Array.Sort(samples[h]);
            lower[h] = Quantile(samples[h], tail);
            upper[h] = Quantile(samples[h], 1 - tail);
        }
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 - U keeps the log argument in (0, 1].
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
