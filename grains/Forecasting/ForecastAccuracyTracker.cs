using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.Ml.Evaluation;

namespace OrderCluster.Grains.Forecasting;

/// <summary>Scores kept forecasts against actuals and computes the rolling accuracy. Pure.</summary>
internal static class ForecastAccuracyTracker
{
    /// <summary>Seasonal period of the MASE scale: a day for hourly series, a week for daily ones.</summary>
    public static int SeasonalPeriodOf(TimeGrain grain) => grain == TimeGrain.Hour ? 24 : 7;

    /// <summary>The points of <paramref name="forecasts"/> for the periods of <paramref name="actuals"/>, with their errors.</summary>
    public static IEnumerable<ScoredPoint> Score(IEnumerable<IssuedForecast> forecasts, IReadOnlyList<Observation> actuals)
    {
        var byPeriod = actuals.ToDictionary(a => a.PeriodStart, a => a.Value);
        foreach (var forecast in forecasts)
            for (var h = 0; h < forecast.Points.Length; h++)
            {
                var p = forecast.Points[h];
                if (byPeriod.TryGetValue(p.PeriodStart, out var actual))
                    yield return new ScoredPoint(p.PeriodStart, forecast.Origin, h + 1, p.Point, p.Lower, p.Upper, actual);
            }
    }

    /// <summary>
    /// sMAPE, MASE and coverage over the scored points of the last <paramref name="window"/> observed periods (all horizons);
    /// the MASE scale is the in-sample seasonal naive error of the whole observed <paramref name="history"/> (M4's definitions, ml/'s code).
    /// </summary>
    public static ForecastAccuracy Rolling(IReadOnlyList<ScoredPoint> scored, IReadOnlyList<Observation> history, int window, int seasonalPeriod)
    {
        var since = history.Count == 0 ? DateTimeOffset.MaxValue : history[Math.Max(0, history.Count - window)].PeriodStart;
        var points = scored.Where(s => s.PeriodStart >= since).ToArray();
        if (points.Length == 0) return new ForecastAccuracy(window, 0, null, null, null, seasonalPeriod);

        var actual = points.Select(p => p.Actual).ToArray();
        var forecast = points.Select(p => p.Forecast).ToArray();
        var insample = history.Select(h => h.Value).ToArray();
        var smape = AccuracyMetrics.SMape(actual, forecast);
        var mase = insample.Length > seasonalPeriod ? AccuracyMetrics.Mase(actual, forecast, insample, seasonalPeriod) : double.NaN;
        var coverage = AccuracyMetrics.Coverage(actual, points.Select(p => p.Lower).ToArray(), points.Select(p => p.Upper).ToArray());
        return new ForecastAccuracy(window, points.Length, Finite(smape), Finite(mase), Finite(coverage), seasonalPeriod);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
