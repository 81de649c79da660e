namespace OrderCluster.Ml.Auto;

/// <summary>How the automatic forecaster turns backtest errors into a forecast.</summary>
public enum CombinationMethod
{
    /// <summary>Use the candidate with the smallest backtest error.</summary>
    SelectBest,

    /// <summary>Average the best <see cref="AutoForecasterOptions.TopModels"/> candidates with weights proportional to 1 / error².</summary>
    InverseErrorWeighted,
}

/// <summary>Settings of <see cref="AutoForecaster"/>. Every property documents its default.</summary>
public sealed class AutoForecasterOptions
{
    /// <summary>
    /// Candidate methods. Default: null = seasonal naive, Theta, ETS (AICc-selected), SSA and MSTL + ETS.
    /// Candidates must be forecasters of this library.
    /// </summary>
    public IReadOnlyList<IForecaster>? Candidates { get; init; }

    /// <summary>Rolling origins inside the training data used to score candidates. Default: 3.</summary>
    public int BacktestOrigins { get; init; } = 3;

    /// <summary>Steps between backtest origins. Default: 0 = half the horizon (at least 1).</summary>
    public int BacktestStep { get; init; }

    /// <summary>Combination rule. Default: <see cref="CombinationMethod.InverseErrorWeighted"/>.</summary>
    public CombinationMethod Method { get; init; } = CombinationMethod.InverseErrorWeighted;

    /// <summary>How many of the best candidates the weighted combination averages. Default: 3.</summary>
    public int TopModels { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (BacktestOrigins < 1)
        {
            throw new ArgumentException($"BacktestOrigins must be at least 1 (got {BacktestOrigins}).", nameof(BacktestOrigins));
        }

        if (BacktestStep < 0)
        {
            throw new ArgumentException($"BacktestStep must be 0 (automatic) or positive (got {BacktestStep}).", nameof(BacktestStep));
        }

        if (TopModels < 1)
        {
            throw new ArgumentException($"TopModels must be at least 1 (got {TopModels}).", nameof(TopModels));
        }

        if (Candidates is { Count: 0 })
        {
            throw new ArgumentException("Candidates must not be empty.", nameof(Candidates));
        }

        if (Candidates?.FirstOrDefault(c => c is not IPreparedForecaster) is { } foreign)
        {
            throw new ArgumentException($"Candidate '{foreign.Name}' is not a forecaster of this library.", nameof(Candidates));
        }
    }
}
