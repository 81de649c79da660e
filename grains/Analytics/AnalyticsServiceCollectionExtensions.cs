using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrderCluster.Grains.Forecasting;

namespace OrderCluster.Grains.Analytics;

public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the forecast settings (section <c>Forecasting</c>) and validates them at start-up. Without this call the
    /// analytics and forecast grains run on the defaults.
    /// </summary>
    public static IServiceCollection AddOrderAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForecastingOptions>().Bind(configuration.GetSection(ForecastingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ForecastingOptions>, ForecastingOptionsValidation>());
        return services;
    }
}

/// <summary>Names the setting that is wrong.</summary>
internal sealed class ForecastingOptionsValidation : IValidateOptions<ForecastingOptions>
{
    public ValidateOptionsResult Validate(string? name, ForecastingOptions o)
    {
        var errors = new List<string>();
        if (o.Model.ToLowerInvariant() is not ("auto" or "snaive" or "naive")) errors.Add($"Forecasting:Model must be auto, snaive or naive (was '{o.Model}').");
        if (o.TickInterval < TimeSpan.FromSeconds(1)) errors.Add("Forecasting:TickInterval must be at least 1 second.");
        if (o.SettleDelay < TimeSpan.Zero) errors.Add("Forecasting:SettleDelay must not be negative.");
        if (o.RefitInterval < TimeSpan.Zero) errors.Add("Forecasting:RefitInterval must not be negative.");
        if (o.HourlyHorizon is < 1 or > 1_000) errors.Add("Forecasting:HourlyHorizon must be 1–1000.");
        if (o.DailyHorizon is < 1 or > 1_000) errors.Add("Forecasting:DailyHorizon must be 1–1000.");
        if (!(o.Level > 0 && o.Level < 1)) errors.Add("Forecasting:Level must lie strictly between 0 and 1.");
        if (o.MinObservations < 1) errors.Add("Forecasting:MinObservations must be at least 1.");
        if (o.MaxHistory < Math.Max(o.MinObservations, 2)) errors.Add("Forecasting:MaxHistory must be at least MinObservations and 2.");
        if (o.MaxForecastsKept < 1) errors.Add("Forecasting:MaxForecastsKept must be at least 1.");
        if (o.HourlyAccuracyWindow < 1 || o.DailyAccuracyWindow < 1) errors.Add("Forecasting:HourlyAccuracyWindow and DailyAccuracyWindow must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
