using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.Ml;
using OrderCluster.Ml.Auto;
using OrderCluster.Ml.Baselines;

namespace OrderCluster.Grains.Forecasting;

/// <summary>Chooses and fits the model of a series from <see cref="ForecastingOptions.Model"/>.</summary>
internal static class ForecastModels
{
    public static IForecaster ForecasterOf(string model) => model.ToLowerInvariant() switch
    {
        "naive" => new NaiveForecaster(),
        "snaive" => new SeasonalNaiveForecaster(),
        "auto" => new AutoForecaster(),
        _ => throw new ArgumentException($"Forecasting:Model '{model}' is not one of auto, snaive, naive.", nameof(model)),
    };

    public static ForecastOptions OptionsFor(TimeGrain grain, int horizon) => new()
    {
        // hours: a daily and a weekly cycle; days: a weekly cycle (each used only when the data show it)
        SeasonalPeriods = grain == TimeGrain.Hour ? [24, 168] : [7],
        Horizon = horizon,
    };
}
