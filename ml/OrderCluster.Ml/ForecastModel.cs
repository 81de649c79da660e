namespace OrderCluster.Ml;

/// <summary>
/// A model fitted to one series. It forecasts from the end of the data it has seen and can be moved forward
/// one observation at a time with <see cref="Update"/> without refitting its parameters.
/// A model instance is not thread-safe: use one per series.
/// </summary>
public abstract class ForecastModel
{
    private protected ForecastModel()
    {
    }

    /// <summary>Method name, e.g. <c>ETS</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The fitted specification, e.g. <c>ETS(M,Ad,N)</c> or <c>SSA(L=48,r=5)</c>.</summary>
    public virtual string Description => Name;

    /// <summary>Forecasts <paramref name="horizon"/> steps after the last observation.</summary>
    /// <param name="horizon">Number of steps, at least 1.</param>
    /// <param name="level">Nominal coverage of the prediction interval, in (0, 1); default 0.95.</param>
    public ForecastResult Forecast(int horizon, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The interval level must lie strictly between 0 and 1.");
        }

        var point = new double[horizon];
        var lower = new double[horizon];
        var upper = new double[horizon];
        ForecastInto(point, lower, upper, level);
        return new ForecastResult(point, lower, upper, level);
    }

    /// <summary>
    /// Appends one new observation and moves the model state forward (parameters stay fixed).
    /// <see cref="double.NaN"/> is treated as missing: the state advances on the model's own one-step forecast.
    /// </summary>
    public void Update(double observation)
    {
        if (double.IsInfinity(observation))
        {
            throw new ArgumentOutOfRangeException(nameof(observation), observation, "Observations must be finite or NaN (missing).");
        }

        UpdateCore(observation);
    }

    /// <summary>Fills the point forecasts and the bounds; all spans have the horizon's length.</summary>
    internal abstract void ForecastInto(Span<double> point, Span<double> lower, Span<double> upper, double level);

    /// <summary>Point forecasts only; models whose intervals are costly (simulated) override this for backtests.</summary>
    internal virtual void PointInto(Span<double> point)
    {
        var lower = new double[point.Length];
        var upper = new double[point.Length];
        ForecastInto(point, lower, upper, 0.95);
    }

    /// <summary>Advances the state by one observation (NaN = missing).</summary>
    internal abstract void UpdateCore(double observation);
}
