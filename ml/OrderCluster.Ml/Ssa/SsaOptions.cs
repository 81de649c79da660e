namespace OrderCluster.Ml.Ssa;

/// <summary>
/// Settings of singular spectrum analysis forecasting, after ML.NET's <c>ForecastBySsa</c>. Every property
/// documents its default; zero means "choose automatically".
/// </summary>
public sealed class SsaOptions
{
    /// <summary>
    /// Window length L (rows of the trajectory matrix). Default: 0 = a multiple of the longest usable seasonal
    /// period near min(n/3, max(2·period, 60), max(period, 200)); e.g. 48 for period 24, 168 for periods 24 and 168.
    /// </summary>
    public int WindowSize { get; init; }

    /// <summary>Length of the recent-history buffer the model keeps for online updates and checkpoints (at least L). Default: 0 = L.</summary>
    public int SeriesLength { get; init; }

    /// <summary>Number of most recent observations used for training. Default: 0 = all.</summary>
    public int TrainSize { get; init; }

    /// <summary>Signal rank r (number of leading eigenvectors). Default: 0 = choose by forecast error on the training tail.</summary>
    public int Rank { get; init; }

    /// <summary>Largest rank tried by the automatic selection. Default: 0 = min(L/2, 20).</summary>
    public int MaxRank { get; init; }

    /// <summary>
    /// Whether to stabilise the recurrence: roots of its characteristic polynomial (eigenvalues of the companion
    /// matrix) with magnitude above <see cref="MaxGrowth"/> are pulled back onto that circle, so forecasts cannot
    /// explode (ML.NET's <c>ShouldStabilize</c>). Default: <c>true</c>.
    /// </summary>
    public bool ShouldStabilize { get; init; } = true;

    /// <summary>
    /// Largest allowed per-step growth factor of a root when stabilising. Default: null = 1 (no exponential growth;
    /// linear trends, which are double roots at 1, remain). ML.NET's GrowthRatio(timeSpan, growth) is growth^(1/timeSpan).
    /// </summary>
    public double? MaxGrowth { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (WindowSize is < 0 or 1)
        {
            throw new ArgumentException($"WindowSize must be 0 (automatic) or at least 2 (got {WindowSize}).", nameof(WindowSize));
        }

        if (SeriesLength < 0 || TrainSize < 0 || Rank < 0 || MaxRank < 0)
        {
            throw new ArgumentException("SeriesLength, TrainSize, Rank and MaxRank must not be negative.");
        }

        if (MaxGrowth is { } growth && !(growth > 0))
        {
            throw new ArgumentException($"MaxGrowth must be positive (got {growth}).", nameof(MaxGrowth));
        }
    }
}
