namespace OrderCluster.Ml.Evaluation;

/// <summary>
/// Rolling-origin evaluation (Tashman 2000) of several forecasters on many series: at each origin every forecaster
/// is fitted on the data before it and scored on the next <see cref="BacktestOptions.Horizon"/> values with the
/// M4/M5 measures. Series run in parallel; results do not depend on the degree of parallelism.
/// </summary>
public static class Backtester
{
    /// <summary>Runs the backtest; <paramref name="progress"/> receives the number of series finished so far.</summary>
    public static BacktestReport Run(
        IReadOnlyList<IForecaster> forecasters,
        IReadOnlyList<double[]> series,
        ForecastOptions forecastOptions,
        BacktestOptions options,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forecasters);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(forecastOptions);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var fitOptions = forecastOptions with { Horizon = options.Horizon };

        var perSeries = new List<WindowScore>[series.Count];
        var failures = new int[series.Count, forecasters.Count];
        var finished = 0;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, series.Count, parallel, s =>
        {
            perSeries[s] = [];
            var y = series[s];
            var end = y.Length - options.HoldOut;
            for (var k = options.Origins - 1; k >= 0; k--)
            {
                var origin = end - options.Horizon - k * options.EffectiveStep;
                if (origin < 3)
                {
                    continue;
                }

                var train = y.AsSpan(0, origin);
                var actual = y.AsSpan(origin, options.Horizon);
                for (var f = 0; f < forecasters.Count; f++)
                {
                    try
                    {
                        var forecast = forecasters[f].Fit(train, fitOptions).Forecast(options.Horizon, options.Level);
                        perSeries[s].Add(new WindowScore(
                            forecasters[f].Name, s, origin,
                            AccuracyMetrics.SMape(actual, forecast.Point),
                            AccuracyMetrics.Mase(actual, forecast.Point, train, options.SeasonalPeriod),
                            AccuracyMetrics.Rmsse(actual, forecast.Point, train),
                            AccuracyMetrics.Msis(actual, forecast.Lower, forecast.Upper, train, options.SeasonalPeriod, options.Level),
                            AccuracyMetrics.Coverage(actual, forecast.Lower, forecast.Upper)));
                    }
                    catch (ArgumentException)
                    {
                        failures[s, f]++;
                    }
                }
            }

            progress?.Report(Interlocked.Increment(ref finished));
        });

        var windows = perSeries.SelectMany(w => w).ToList();
        var summary = forecasters.Select((forecaster, f) =>
        {
            var mine = windows.Where(w => w.Model == forecaster.Name).ToList();
            var failed = Enumerable.Range(0, series.Count).Sum(s => failures[s, f]);
            return new ModelAccuracy(
                forecaster.Name,
                MeanOf(mine, w => w.SMape),
                MeanOf(mine, w => w.Mase),
                MeanOf(mine, w => w.Rmsse),
                MeanOf(mine, w => w.Msis),
                MeanOf(mine, w => w.Coverage),
                mine.Count,
                failed);
        }).ToList();
        return new BacktestReport(summary, windows);
    }

    private static double MeanOf(List<WindowScore> windows, Func<WindowScore, double> metric)
    {
        var values = windows.Select(metric).Where(double.IsFinite).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }
}
