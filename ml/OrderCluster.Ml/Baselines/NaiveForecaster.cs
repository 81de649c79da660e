using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml.Baselines;

/// <summary>
/// The naive method: every forecast equals the last observation; intervals widen with √h from the root mean
/// square of one-step changes (a random walk). With one observation the bounds are NaN.
/// </summary>
public sealed class NaiveForecaster : IPreparedForecaster
{
    /// <inheritdoc />
    public string Name => "Naive";

    /// <inheritdoc />
    public ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options) => this.FitThroughPipeline(series, options);

    ForecastModel IPreparedForecaster.FitPrepared(PreparedSeries series, ForecastOptions options) =>
        new SeasonalNaiveModel(series.Values, 1, "Naive");
}

/// <summary>
/// The seasonal naive method: each forecast repeats the observation one period earlier (Hyndman &amp; Athanasopoulos,
/// FPP 5.2), with intervals growing as √(k + 1) for k completed periods. It uses the primary period of
/// <see cref="ForecastOptions.SeasonalPeriods"/> without a seasonality test, as the benchmark method does; with
/// fewer observations than one period it falls back to the naive method.
/// </summary>
public sealed class SeasonalNaiveForecaster : IPreparedForecaster
{
    /// <inheritdoc />
    public string Name => "SNaive";

    /// <inheritdoc />
    public ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options) => this.FitThroughPipeline(series, options);

    ForecastModel IPreparedForecaster.FitPrepared(PreparedSeries series, ForecastOptions options)
    {
        var period = options.PrimaryPeriod;
        return new SeasonalNaiveModel(series.Values, series.Values.Length > period ? period : 1, "SNaive");
    }
}
