using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Grains.Forecasting;

/// <summary>
/// A series' persistent state: observed history, kept forecasts and their scored points. The fitted model is not stored
/// (only SSA checkpoints in ml/); it is refitted from the history when the grain activates.
/// </summary>
public sealed record ForecastState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<Observation> History { get; init; } = [];

    public ImmutableList<IssuedForecast> Forecasts { get; init; } = [];

    public ImmutableList<ScoredPoint> Scored { get; init; } = [];

    public DateTimeOffset? LastRefitAt { get; init; }

    public string? Model { get; init; }

    public DateTimeOffset? LastObserved => History.IsEmpty ? null : History[^1].PeriodStart;
}
