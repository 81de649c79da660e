using OrderCluster.Ml.Decomposition;
using OrderCluster.Ml.Numerics;
using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml.Theta;

/// <summary>
/// The standard Theta method (Assimakopoulos &amp; Nikolopoulos 2000) in the form shown by Hyndman &amp; Billah (2003)
/// and used by R's <c>thetaf</c>: simple exponential smoothing plus a drift of half the slope of the linear trend.
/// When the primary period passes the ACF seasonality test the series is first deseasonalised by classical
/// multiplicative decomposition (additive when the data are not all positive) and the forecasts reseasonalised.
/// Intervals are those of SES: σ√(1 + α²(h − 1)).
/// </summary>
public sealed class ThetaForecaster : IPreparedForecaster
{
    /// <inheritdoc />
    public string Name => "Theta";

    /// <inheritdoc />
    public ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options) => this.FitThroughPipeline(series, options);

    ForecastModel IPreparedForecaster.FitPrepared(PreparedSeries series, ForecastOptions options)
    {
        var y = series.Values;
        var period = options.PrimaryPeriod;
        var indices = Array.Empty<double>();
        var multiplicative = y.All(v => v > 0);
        var adjusted = y;
        if (period > 1 && series.Periods.Contains(period))
        {
            indices = ClassicalDecomposition.SeasonalIndices(y, period, multiplicative);
            adjusted = new double[y.Length];
            for (var t = 0; t < y.Length; t++)
            {
                adjusted[t] = multiplicative ? y[t] / indices[t % period] : y[t] - indices[t % period];
            }
        }

        var (alpha, level, sse) = FitSes(adjusted);
        var sigma2 = adjusted.Length > 2 ? sse / (adjusted.Length - 2) : double.NaN;
        return new ThetaModel(adjusted, alpha, level, sigma2, indices, multiplicative);
    }

    /// <summary>SES by least squares over α and the initial level (the ETS(A,N,N) fit used by thetaf).</summary>
    internal static (double Alpha, double FinalLevel, double Sse) FitSes(double[] y)
    {
        if (y.Length < 3 || Stats.IsConstant(y))
        {
            return (0.5, y[^1], 0);
        }

        var range = y.Max() - y.Min();
        double Sse(double[] x)
        {
            double level = x[1], sse = 0;
            foreach (var v in y)
            {
                var e = v - level;
                sse += e * e;
                level += x[0] * e;
            }

            return sse;
        }

        var start = new[] { 0.2, Stats.Mean(y.AsSpan(0, Math.Min(10, y.Length))) };
        var (best, value) = NelderMead.Minimise(Sse, start, [1e-4, y.Min() - range], [0.9999, y.Max() + range], 250, 1e-9);
        var finalLevel = best[1];
        foreach (var v in y)
        {
            finalLevel += best[0] * (v - finalLevel);
        }

        return (best[0], finalLevel, value);
    }
}
