namespace OrderCluster.GrainInterfaces.Analytics;

/// <summary>
/// The demand forecast of one series (key: <see cref="SeriesId.Key"/>). A durable timer pulls the periods that closed from the
/// tenant's analytics grains, scores earlier forecasts against them, updates the model, refits it on schedule and forecasts.
/// </summary>
public interface IForecastGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers the series' timer (idempotent). Interleaves, so an analytics grain may call it while this grain queries analytics.</summary>
    [AlwaysInterleave]
    Task EnsureStartedAsync();

    /// <summary>Adds observed periods (those not after the last observed one are ignored), scores kept forecasts, forecasts again.</summary>
    Task ObserveAsync(ImmutableArray<Observation> observations);

    [ReadOnly]
    Task<ForecastView> GetAsync(int historyPeriods);

    /// <summary>Every forecast kept (newest last), up to <paramref name="max"/>.</summary>
    [ReadOnly]
    Task<ImmutableArray<IssuedForecast>> GetForecastsAsync(int max);
}
