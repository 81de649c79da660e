using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml.Ssa;

/// <summary>
/// Singular spectrum analysis forecasting, designed after ML.NET's <c>ForecastBySsa</c>: embed the series in a
/// trajectory matrix of window L, take the eigenvectors of its lag-covariance matrix, pick the signal rank by
/// forecast error on the training tail, forecast with the linear recurrence of those eigenvectors (stabilised so no
/// root exceeds the allowed growth), and bound forecasts by per-step error variances. <see cref="Fit"/> returns a
/// <see cref="SsaModel"/>, which can be checkpointed and restored. Needs at least 4 observations.
/// </summary>
public sealed class SsaForecaster(SsaOptions? ssaOptions = null) : IPreparedForecaster
{
    private readonly SsaOptions _ssaOptions = ssaOptions ?? new SsaOptions();

    /// <inheritdoc />
    public string Name => "SSA";

    /// <inheritdoc />
    public ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options)
    {
        var prepared = SeriesPipeline.Prepare(series, options);
        var model = SsaFitter.Fit(prepared.Values, _ssaOptions, prepared.Periods, options.EffectiveHorizon, prepared.Transform);
        return SeriesPipeline.CompleteOnOriginalScale(model, prepared);
    }

    /// <summary>
    /// Fits and returns the concrete model, for checkpoints. Zeros are not separated here
    /// (<see cref="ForecastOptions.SeparateZeros"/> is ignored), so the whole state is in the model.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 4 observations, or invalid options.</exception>
    public SsaModel FitModel(ReadOnlySpan<double> series, ForecastOptions options)
    {
        var prepared = SeriesPipeline.Prepare(series, options with { SeparateZeros = false });
        var model = SsaFitter.Fit(prepared.Values, _ssaOptions, prepared.Periods, options.EffectiveHorizon, prepared.Transform);
        for (var i = 0; i < prepared.TrailingMissing; i++)
        {
            model.UpdateCore(double.NaN);
        }

        return model;
    }

    ForecastModel IPreparedForecaster.FitPrepared(PreparedSeries series, ForecastOptions options) =>
        SsaFitter.Fit(series.Values, _ssaOptions, series.Periods, options.EffectiveHorizon, transform: null);
}
