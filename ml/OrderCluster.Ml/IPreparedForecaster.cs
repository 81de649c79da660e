using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml;

/// <summary>
/// A forecaster that can fit an already prepared series (filled, transformed, periods tested), so the automatic
/// combination prepares a series once and hands the same data to every candidate.
/// </summary>
internal interface IPreparedForecaster : IForecaster
{
    /// <summary>Fits on the prepared (possibly transformed) scale; the result is not yet wrapped back.</summary>
    ForecastModel FitPrepared(PreparedSeries series, ForecastOptions options);
}

/// <summary>The shared <see cref="IForecaster.Fit"/> of every prepared forecaster.</summary>
internal static class PreparedForecasterExtensions
{
    public static ForecastModel FitThroughPipeline(this IPreparedForecaster forecaster, ReadOnlySpan<double> series, ForecastOptions options)
    {
        var prepared = SeriesPipeline.Prepare(series, options);
        return SeriesPipeline.Complete(forecaster.FitPrepared(prepared, options), prepared);
    }
}
