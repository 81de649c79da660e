using OrderCluster.Ml.Ets;
using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml.Decomposition;

/// <summary>
/// Forecasting through a multi-seasonal decomposition, as R's <c>stlf</c>/<c>mstl</c> do (Bandara, Hyndman &amp;
/// Bergmeir 2021): MSTL removes every usable seasonal period (e.g. 24 and 168 for hourly data), a non-seasonal
/// ETS model chosen by AICc forecasts the seasonally adjusted series, and each seasonal component is continued
/// by repeating its last cycle. Robust STL weights keep outliers out of the seasonal and trend estimates.
/// Without a usable period it is non-seasonal ETS. Intervals are those of the adjusted-series model.
/// </summary>
public sealed class MstlForecaster : IPreparedForecaster
{
    /// <summary>Whether STL uses robustness iterations. Default: <c>true</c>.</summary>
    public bool Robust { get; init; } = true;

    /// <inheritdoc />
    public string Name => "MSTL";

    /// <inheritdoc />
    public ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options) => this.FitThroughPipeline(series, options);

    ForecastModel IPreparedForecaster.FitPrepared(PreparedSeries series, ForecastOptions options)
    {
        var decomposition = Mstl.Decompose(series.Values, series.Periods, Robust);
        var adjusted = decomposition.SeasonallyAdjusted();
        IPreparedForecaster trendModel = new EtsForecaster { AllowSeasonal = false };
        var inner = trendModel.FitPrepared(series with { Values = adjusted, Periods = [] }, options);
        var n = adjusted.Length;
        var cycles = new double[decomposition.Periods.Length][];
        for (var k = 0; k < cycles.Length; k++)
        {
            var period = decomposition.Periods[k];
            cycles[k] = decomposition.Seasonals[k].AsSpan(n - period, period).ToArray();
        }

        return new MstlModel(inner, decomposition.Periods, cycles);
    }
}

/// <summary>A model of the seasonally adjusted series plus seasonal components continued cycle by cycle.</summary>
internal sealed class MstlModel(ForecastModel adjustedModel, int[] periods, double[][] lastCycles) : ForecastModel
{
    private int _stepsSinceFit;

    public override string Name => "MSTL";

    public override string Description =>
        $"MSTL({string.Join(",", periods)})+{adjustedModel.Description}";

    internal override void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level)
    {
        adjustedModel.ForecastInto(point, lower, upper, level);
        AddSeasonal(point, lower, upper);
    }

    internal override void PointInto(Span<double> point)
    {
        adjustedModel.PointInto(point);
        AddSeasonal(point, Span<double>.Empty, Span<double>.Empty);
    }

    internal override void UpdateCore(double observation)
    {
        adjustedModel.UpdateCore(double.IsNaN(observation) ? double.NaN : observation - Seasonal(0));
        _stepsSinceFit++;
    }

    private void AddSeasonal(Span<double> point, Span<double> lower, Span<double> upper)
    {
        for (var h = 0; h < point.Length; h++)
        {
            var seasonal = Seasonal(h);
            point[h] += seasonal;
            if (!lower.IsEmpty)
            {
                lower[h] += seasonal;
                upper[h] += seasonal;
            }
        }
    }

    // Component k at the observation stepsAhead after the current end repeats its value one whole cycle back.
    private double Seasonal(int stepsAhead)
    {
        var sum = 0.0;
        for (var k = 0; k < periods.Length; k++)
        {
            sum += lastCycles[k][(_stepsSinceFit + stepsAhead) % periods[k]];
        }

        return sum;
    }
}
