namespace OrderCluster.Ml;

/// <summary>Options shared by every forecaster. Each property documents its default.</summary>
public sealed record ForecastOptions
{
    /// <summary>Default options: no seasonality, automatic transform, outlier clipping off.</summary>
    public static ForecastOptions Default { get; } = new();

    /// <summary>
    /// Candidate seasonal periods in observations, e.g. <c>[24, 168]</c> for hourly data or <c>[7]</c> for daily.
    /// The first is the primary period (used by single-season models). Default: none (non-seasonal).
    /// </summary>
    public IReadOnlyList<int> SeasonalPeriods { get; init; } = [];

    /// <summary>
    /// Whether each candidate period must pass the ACF seasonality test at the 90% level used by Theta
    /// (Hyndman &amp; Billah 2003) before a model uses it. Default: <c>true</c>.
    /// </summary>
    public bool TestSeasonality { get; init; } = true;

    /// <summary>
    /// The forecast horizon the caller intends to use. Models use it as a hint (SSA computes its per-step error
    /// variances up to it; the automatic combination backtests over it). Default: 0 = two primary periods, at least 8.
    /// </summary>
    public int Horizon { get; init; }

    /// <summary>Variance-stabilising transform applied before fitting. Default: <see cref="TransformMode.Auto"/>.</summary>
    public TransformMode Transform { get; init; } = TransformMode.Auto;

    /// <summary>
    /// Whether to winsorise outliers (residuals of a robust decomposition beyond <see cref="OutlierThreshold"/>
    /// robust standard deviations) before fitting. Default: <c>false</c>.
    /// </summary>
    public bool ClipOutliers { get; init; }

    /// <summary>
    /// Whether exact zeros of a non-negative series are modelled as a separate outcome (a hurdle model: the methods
    /// forecast positive demand, a smoothed probability of zero demand mixes in), when zeros make up between 1% and 50%
    /// of the observations. Point forecasts are then medians of the mixture, so they are 0 when a zero is more likely
    /// than not. Default: <c>true</c>.
    /// </summary>
    public bool SeparateZeros { get; init; } = true;

    /// <summary>Outlier threshold in robust standard deviations (1.4826 MAD). Default: 3.</summary>
    public double OutlierThreshold { get; init; } = 3.0;

    /// <summary>Seed for simulated prediction intervals, so results are reproducible. Default: 20240607.</summary>
    public int Seed { get; init; } = 20240607;

    internal int PrimaryPeriod => SeasonalPeriods.Count > 0 ? SeasonalPeriods[0] : 1;

    internal int EffectiveHorizon => Horizon > 0 ? Horizon : Math.Max(8, 2 * PrimaryPeriod);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        foreach (var m in SeasonalPeriods)
        {
            if (m < 1)
            {
                throw new ArgumentException($"SeasonalPeriods: every period must be at least 1 (got {m}).", nameof(SeasonalPeriods));
            }
        }

        if (Horizon < 0)
        {
            throw new ArgumentException($"Horizon must be zero (automatic) or positive (got {Horizon}).", nameof(Horizon));
        }

        if (!(OutlierThreshold > 0))
        {
            throw new ArgumentException($"OutlierThreshold must be positive (got {OutlierThreshold}).", nameof(OutlierThreshold));
        }
    }
}

/// <summary>How a forecaster transforms the series before fitting (forecasts are transformed back).</summary>
public enum TransformMode
{
    /// <summary>Box-Cox with Guerrero's λ when the series is non-negative and its spread grows with its level (λ below 0.7); otherwise none.</summary>
    Auto,

    /// <summary>No transform.</summary>
    None,

    /// <summary>Natural log of (y + shift); shift is 1 when the series contains zeros. Requires non-negative data.</summary>
    Log,

    /// <summary>Box-Cox with Guerrero's λ in [0, 1] (Guerrero 1993), on (y + shift) as for <see cref="Log"/>.</summary>
    BoxCox,
}
