namespace OrderCluster.Grains.Forecasting;

/// <summary>Settings of the forecast grains (section <c>Forecasting</c>). Every default is stated.</summary>
public sealed class ForecastingOptions
{
    public const string SectionName = "Forecasting";

    /// <summary>Whether analytics grains start the forecast series they feed (see <c>ForecastSeriesRule</c>: tenant total per hour and day, per channel, SKU and warehouse per day). Default true.</summary>
    public bool AutoStart { get; set; } = true;

    /// <summary><c>auto</c> (the backtest-selected combination of ml/), <c>snaive</c> or <c>naive</c>. Default <c>auto</c>.</summary>
    public string Model { get; set; } = "auto";

    /// <summary>How often a series pulls closed periods and forecasts again (its durable timer). Default 5 minutes.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after a period ends it is taken as final (orders still in flight on the streams). Default 2 minutes.</summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the model is refitted on the whole history; between refits it is updated with each new period. Default 1 day.</summary>
    public TimeSpan RefitInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Periods forecast ahead: hourly series. Default 48.</summary>
    public int HourlyHorizon { get; set; } = 48;

    /// <summary>Periods forecast ahead: daily series. Default 14.</summary>
    public int DailyHorizon { get; set; } = 14;

    /// <summary>Interval level. Default 0.95.</summary>
    public double Level { get; set; } = 0.95;

    /// <summary>Observed periods kept (the model's training window). Default 1,008 (six weeks of hours).</summary>
    public int MaxHistory { get; set; } = 1_008;

    /// <summary>Forecasts kept per series, oldest dropped first. Default 2,000 (about 12 weeks of hourly forecasts).</summary>
    public int MaxForecastsKept { get; set; } = 2_000;

    /// <summary>Observed periods whose scored points make the rolling accuracy: hourly series. Default 168 (a week).</summary>
    public int HourlyAccuracyWindow { get; set; } = 168;

    /// <summary>Observed periods whose scored points make the rolling accuracy: daily series. Default 28.</summary>
    public int DailyAccuracyWindow { get; set; } = 28;

    /// <summary>Observations needed before a series forecasts. Default 3.</summary>
    public int MinObservations { get; set; } = 3;
}
