using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.Grains.Analytics;
using OrderCluster.Ml;

namespace OrderCluster.Grains.Forecasting;

/// <summary>
/// One demand series (key <see cref="SeriesId.Key"/>). Its durable timer pulls closed periods from the tenant's analytics
/// grains; each new period scores the kept forecasts that covered it, moves the model on (<c>Update</c>) or refits it when
/// <see cref="ForecastingOptions.RefitInterval"/> has passed, and issues a new forecast with intervals, which is kept.
/// </summary>
internal sealed class ForecastGrain(
    [PersistentState("forecast")] IPersistentState<ForecastState> state,
    IOptions<ForecastingOptions> options,
    TimeProvider time,
    ILogger<ForecastGrain> logger) : Grain, IForecastGrain
{
    public const string TimerName = "forecast";

    private SeriesId? _series;
    private ForecastModel? _model;
    private bool _started;

    private SeriesId Series => _series ??= SeriesId.Parse(GetPrimaryKeyString());

    private ForecastingOptions Options => options.Value;

    private int Horizon => Series.Grain == TimeGrain.Hour ? Options.HourlyHorizon : Options.DailyHorizon;

    public async Task EnsureStartedAsync()
    {
        if (_started) return;
        _ = Series; // refuses a malformed key before registering anything
        await RegisterOrUpdateTimerAsync(TimerName, Options.TickInterval, Options.TickInterval);
        _started = true;
    }

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (tick.Name != TimerName) return;
        try
        {
            await ObserveCoreAsync(await PullClosedPeriodsAsync());
        }
        catch (Exception ex)
        {
            AnalyticsLog.TickFailed(logger, ex, GetPrimaryKeyString());
            throw; // the runtime retries the tick with back-off
        }
    }

    public Task ObserveAsync(ImmutableArray<Observation> observations) => ObserveCoreAsync(observations);

    public Task<ForecastView> GetAsync(int historyPeriods) => Task.FromResult(new ForecastView
    {
        SeriesKey = GetPrimaryKeyString(),
        Model = state.State.Model,
        LastRefitAt = state.State.LastRefitAt,
        History = [.. state.State.History.Skip(Math.Max(0, state.State.History.Count - historyPeriods))],
        Latest = state.State.Forecasts.IsEmpty ? null : state.State.Forecasts[^1],
        ForecastsKept = state.State.Forecasts.Count,
        Accuracy = Accuracy(),
        RecentScores = [.. state.State.Scored.Skip(Math.Max(0, state.State.Scored.Count - 200))],
    });

    public Task<ImmutableArray<IssuedForecast>> GetForecastsAsync(int max) =>
        Task.FromResult<ImmutableArray<IssuedForecast>>([.. state.State.Forecasts.Skip(Math.Max(0, state.State.Forecasts.Count - max))]);

    private ForecastAccuracy Accuracy() => ForecastAccuracyTracker.Rolling(
        state.State.Scored, state.State.History,
        Series.Grain == TimeGrain.Hour ? Options.HourlyAccuracyWindow : Options.DailyAccuracyWindow,
        ForecastAccuracyTracker.SeasonalPeriodOf(Series.Grain));

    /// <summary>The periods that closed since the last observed one (a period without orders is 0).</summary>
    private async Task<ImmutableArray<Observation>> PullClosedPeriodsAsync()
    {
        var length = Series.Grain.Length();
        var end = Series.Grain.PeriodOf(time.GetUtcNow() - Options.SettleDelay); // periods starting before it have closed
        var from = state.State.LastObserved is { } last ? last + length : end - length * Options.MaxHistory;
        if (from >= end) return [];

        var points = await TenantAnalytics.GetSeriesAsync(GrainFactory, Series.Tenant,
            new KpiQuery { From = from, To = end, Grain = Series.Grain, Dimension = Series.Dimension });
        var values = points.Where(p => p.Dimension == Series.Dimension).ToDictionary(p => p.PeriodStart, p => Series.ValueOf(p.Figures));
        if (state.State.LastObserved is null)
        {
            if (values.Count == 0) return []; // the series starts with its first order
            from = values.Keys.Min();
        }

        var observations = ImmutableArray.CreateBuilder<Observation>();
        for (var period = from; period < end; period += length) observations.Add(new Observation(period, values.GetValueOrDefault(period)));
        return observations.ToImmutable();
    }

    private async Task ObserveCoreAsync(IReadOnlyList<Observation> observations)
    {
        var fresh = observations.Where(o => state.State.LastObserved is not { } last || o.PeriodStart > last)
            .DistinctBy(o => o.PeriodStart).OrderBy(o => o.PeriodStart).ToList();
        if (fresh.Count == 0) return;

        var before = state.State;
        var history = before.History.AddRange(fresh);
        if (history.Count > Options.MaxHistory) history = history.RemoveRange(0, history.Count - Options.MaxHistory);
        var scored = before.Scored.AddRange(ForecastAccuracyTracker.Score(before.Forecasts, fresh)).RemoveAll(s => s.PeriodStart < history[0].PeriodStart);

        var now = time.GetUtcNow();
        var (model, description, refitAt) = AdvanceModel(before, history, fresh, now);
        var forecasts = before.Forecasts;
        if (model is not null)
        {
            forecasts = forecasts.Add(Issue(model, description!, history[^1].PeriodStart, now));
            if (forecasts.Count > Options.MaxForecastsKept) forecasts = forecasts.RemoveRange(0, forecasts.Count - Options.MaxForecastsKept);
            AnalyticsMetrics.ForecastsIssued.Add(1);
        }

        state.State = before with { History = history, Scored = scored, Forecasts = forecasts, Model = description, LastRefitAt = refitAt };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            _model = null; // it moved with the lost periods; refit from the stored history next time
            throw;
        }

        _model = model;
    }

    /// <summary>Moves the model over the new periods, or refits it on the whole history when due (or after activation).</summary>
    private (ForecastModel? Model, string? Description, DateTimeOffset? RefitAt) AdvanceModel(
        ForecastState before, ImmutableList<Observation> history, List<Observation> fresh, DateTimeOffset now)
    {
        var refitDue = _model is null || before.LastRefitAt is not { } at || now - at >= Options.RefitInterval;
        if (!refitDue)
        {
            foreach (var o in fresh) _model!.Update(o.Value);
            return (_model, before.Model, before.LastRefitAt);
        }

        if (history.Count < Options.MinObservations) return (null, before.Model, before.LastRefitAt);
        var values = history.Select(h => h.Value).ToArray();
        var watch = Stopwatch.StartNew();
        try
        {
            var model = ForecastModels.ForecasterOf(Options.Model).Fit(values, ForecastModels.OptionsFor(Series.Grain, Horizon));
            AnalyticsMetrics.RefitDuration.Record(watch.Elapsed.TotalMilliseconds);
            AnalyticsLog.Refitted(logger, GetPrimaryKeyString(), values.Length, watch.ElapsedMilliseconds, model.Description);
            return (model, model.Description, now);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            AnalyticsMetrics.RefitFailures.Add(1);
            AnalyticsLog.RefitFailed(logger, ex, GetPrimaryKeyString(), values.Length);
            if (_model is null) return (null, before.Model, before.LastRefitAt);
            foreach (var o in fresh) _model.Update(o.Value);
            return (_model, before.Model, before.LastRefitAt);
        }
    }

    private IssuedForecast Issue(ForecastModel model, string description, DateTimeOffset origin, DateTimeOffset now)
    {
        var result = model.Forecast(Horizon, Options.Level);
        var length = Series.Grain.Length();
        var points = ImmutableArray.CreateBuilder<ForecastPoint>(Horizon);
        for (var h = 0; h < Horizon; h++)
        {
            // demand is never negative: a bound or point below zero says zero; a model without an interval (too little
            // data) gives NaN bounds, which JSON cannot hold: the interval collapses to the point
            var point = Math.Max(0, result.Point[h]);
            var lower = double.IsFinite(result.Lower[h]) ? Math.Max(0, result.Lower[h]) : point;
            var upper = double.IsFinite(result.Upper[h]) ? Math.Max(0, result.Upper[h]) : point;
            points.Add(new ForecastPoint(origin + length * (h + 1), point, lower, upper));
        }

        return new IssuedForecast { IssuedAt = now, Origin = origin, Model = description, Level = Options.Level, Points = points.MoveToImmutable() };
    }
}
