using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Preprocessing;

namespace OrderCluster.Ml.Ets;

/// <summary>
/// Exponential smoothing in state-space form (Hyndman, Koehler, Ord &amp; Snyder 2008), like R's <c>ets()</c>:
/// either one given model class or, by default, the class with the smallest AICc among the admissible ones
/// (additive or multiplicative error; no, additive or damped trend; no, additive or multiplicative season).
/// The season is the primary period when it passes the seasonality test and is at most
/// <see cref="MaxSeasonalPeriod"/>. Series too short for any model (five observations or fewer) fall back to the
/// naive method.
/// </summary>
public sealed class EtsForecaster : IPreparedForecaster
{
    /// <summary>The model class to fit; null (the default) selects one by AICc.</summary>
    public EtsSpec? Model { get; init; }

    /// <summary>
    /// Whether automatic selection may use multiplicative error or season (positive data only, and not on a
    /// Box-Cox scale). Default: <c>true</c>.
    /// </summary>
    public bool AllowMultiplicative { get; init; } = true;

    /// <summary>
    /// Longest seasonal period modelled with one state per phase. Default: 60. Longer periods (e.g. 168 hours)
    /// are better served by <c>MstlForecaster</c> or the automatic combination.
    /// </summary>
    public int MaxSeasonalPeriod { get; init; } = 60;

    /// <summary>Whether automatic selection may use seasonal classes at all. Default: <c>true</c>.</summary>
    public bool AllowSeasonal { get; init; } = true;

    /// <inheritdoc />
    public string Name => "ETS";

    /// <inheritdoc />
    public ForecastModel Fit(ReadOnlySpan<double> series, ForecastOptions options) => this.FitThroughPipeline(series, options);

    ForecastModel IPreparedForecaster.FitPrepared(PreparedSeries series, ForecastOptions options)
    {
        var y = series.Values;
        var primary = options.PrimaryPeriod;
        var seasonal = AllowSeasonal && primary > 1 && primary <= MaxSeasonalPeriod && series.Periods.Contains(primary);
        EtsFit? fit;
        if (Model is { } spec)
        {
            if (spec.HasSeason && (primary < 2 || y.Length < 2 * primary))
            {
                throw new ArgumentException($"{spec} needs a seasonal period with at least two full cycles of data (period {primary}, {y.Length} observations).");
            }

            fit = EtsFitter.Fit(y, spec, primary);
            if (fit is null && y.Length > 5)
            {
                throw new ArgumentException($"{spec} cannot be fitted to this series (multiplicative components need positive data).");
            }
        }
        else
        {
            // On a Box-Cox scale only additive classes are tried, as R's ets() does when given a lambda.
            var multiplicative = AllowMultiplicative && series.Transform is null;
            fit = EtsFitter.SelectByAicc(y, EtsFitter.Candidates(y, seasonal, multiplicative), primary);
        }

        return fit is null ? new SeasonalNaiveModel(y, 1, "Naive") : new EtsModel(fit, options.Seed);
    }
}
