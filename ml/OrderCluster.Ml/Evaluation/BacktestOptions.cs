namespace OrderCluster.Ml.Evaluation;

/// <summary>Rolling-origin evaluation settings (Tashman 2000). Every property documents its default.</summary>
public sealed class BacktestOptions
{
    /// <summary>Forecast horizon of each window. Default: 8.</summary>
    public int Horizon { get; init; } = 8;

    /// <summary>Number of forecast origins per series, the last one <see cref="Horizon"/> steps before the evaluated end. Default: 3.</summary>
    public int Origins { get; init; } = 3;

    /// <summary>Steps between consecutive origins. Default: 0 = the horizon (non-overlapping windows).</summary>
    public int Step { get; init; }

    /// <summary>Seasonal period of the naive scale in MASE and MSIS (M4 uses the data's frequency). Default: 1.</summary>
    public int SeasonalPeriod { get; init; } = 1;

    /// <summary>Nominal level of the evaluated prediction intervals. Default: 0.95 (as in M4).</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>
    /// Observations at the end of each series left out entirely, so a final test period stays unseen while
    /// developing. Default: 0.
    /// </summary>
    public int HoldOut { get; init; }

    /// <summary>Series evaluated in parallel. Default: 0 = one per processor.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    internal int EffectiveStep => Step > 0 ? Step : Horizon;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Horizon < 1)
        {
            throw new ArgumentException($"Horizon must be at least 1 (got {Horizon}).", nameof(Horizon));
        }

        if (Origins < 1)
        {
            throw new ArgumentException($"Origins must be at least 1 (got {Origins}).", nameof(Origins));
        }

        if (Step < 0 || HoldOut < 0 || MaxDegreeOfParallelism < 0)
        {
            throw new ArgumentException("Step, HoldOut and MaxDegreeOfParallelism must not be negative.");
        }

        if (SeasonalPeriod < 1)
        {
            throw new ArgumentException($"SeasonalPeriod must be at least 1 (got {SeasonalPeriod}).", nameof(SeasonalPeriod));
        }

        if (!(Level > 0 && Level < 1))
        {
            throw new ArgumentException($"Level must lie strictly between 0 and 1 (got {Level}).", nameof(Level));
        }
    }
}

/// <summary>Accuracy of one forecaster over one forecast window.</summary>
public sealed record WindowScore(string Model, int Series, int Origin, double SMape, double Mase, double Rmsse, double Msis, double Coverage);

/// <summary>Mean accuracy of one forecaster over all windows (NaN window values skipped) and the windows it could not fit.</summary>
public sealed record ModelAccuracy(string Model, double SMape, double Mase, double Rmsse, double Msis, double Coverage, int Windows, int Failures);

/// <summary>The outcome of <see cref="Backtester.Run"/>: a summary per forecaster and every window's scores.</summary>
public sealed record BacktestReport(IReadOnlyList<ModelAccuracy> Models, IReadOnlyList<WindowScore> Windows);
