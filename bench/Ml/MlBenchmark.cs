using System.Diagnostics;
using System.Globalization;
using OrderCluster.Ml;
using OrderCluster.Ml.Auto;
using OrderCluster.Ml.Baselines;
using OrderCluster.Ml.Decomposition;
using OrderCluster.Ml.Ets;
using OrderCluster.Ml.Evaluation;
using OrderCluster.Ml.Ssa;
using OrderCluster.Ml.Theta;

namespace OrderCluster.Bench;

/// <summary>
/// Forecasting benchmark (issue 8). Speed: the automatic forecaster on 1,000 deterministic synthetic hourly series of
/// 500 points, horizon 48, next to seasonal naive on the same series. Accuracy: rolling-origin backtests on the real
/// series in shared/data over a held-out test period (the last part of every series), next to seasonal naive and
/// Theta. <c>--dev</c> evaluates the development origins just before the test period instead (used for tuning);
/// <c>--skip-speed</c> / <c>--skip-accuracy</c> run one half; <c>--data DIR</c> points at the data folder.
/// </summary>
internal sealed class MlBenchmark : IBenchmarkSuite
{
    private const int SpeedSeries = 1000;
    private const int SpeedLength = 500;
    private const int SpeedHorizon = 48;

    public string Name => "ml";

    public string Description => "forecasting speed (1,000 series x 500 points, h=48) and held-out accuracy on shared/data";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var dev = args.Contains("--dev");
        if (!args.Contains("--skip-speed"))
        {
            RunSpeed(cancellationToken);
        }

        if (!args.Contains("--skip-accuracy"))
        {
            var index = Array.IndexOf(args, "--data");
            var folder = index >= 0 && index + 1 < args.Length ? args[index + 1] : FindDataFolder();
            if (folder is null)
            {
                BenchReport.Note("ml: shared/data not found (pass --data DIR); accuracy figures skipped");
                return Task.FromResult(1);
            }

            RunAccuracy(folder, dev, cancellationToken);
        }

        return Task.FromResult(0);
    }

    private static void RunSpeed(CancellationToken cancellationToken)
    {
        var series = Enumerable.Range(0, SpeedSeries).Select(SyntheticHourly).ToArray();
        var options = new ForecastOptions { SeasonalPeriods = [24], Horizon = SpeedHorizon };
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };

        // Wall time is the goal figure; process CPU time shows how much of it other load on the machine took.
        (double Wall, double Cpu) Time(IForecaster forecaster, ForecastResult[] results)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Parallel.For(0, series.Length, parallel, i =>
                results[i] = forecaster.Fit(series[i].AsSpan(0, SpeedLength), options).Forecast(SpeedHorizon));
            process.Refresh();
            return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        var naive = new ForecastResult[series.Length];
        var auto = new ForecastResult[series.Length];
        Time(new SeasonalNaiveForecaster(), naive); // warm-up of the JIT on a cheap method
        BenchReport.Figure("ml.speed.cores", Environment.ProcessorCount, "cores");
        var baseline = Time(new SeasonalNaiveForecaster(), naive);
        BenchReport.Figure("ml.speed.snaive_1000x500_h48", baseline.Wall, "s");
        var measured = Time(new AutoForecaster(), auto);
        BenchReport.Figure("ml.speed.auto_1000x500_h48", measured.Wall, "s");
        BenchReport.Figure("ml.speed.auto_1000x500_h48_cpu", measured.Cpu, "cpu-s");
        BenchReport.Figure("ml.speed.goal_auto_1000x500_h48", 30, "s");
        if (File.Exists("/proc/loadavg"))
        {
            BenchReport.Note("ml: load average during the run: " + File.ReadAllText("/proc/loadavg").Trim());
        }

        // Accuracy on the 48 synthetic points that follow each training window.
        double Smape(ForecastResult[] r) => Enumerable.Range(0, series.Length)
            .Average(i => AccuracyMetrics.SMape(series[i].AsSpan(SpeedLength, SpeedHorizon), r[i].Point));
        BenchReport.Figure("ml.synthetic.smape.snaive", Smape(naive), "%");
        BenchReport.Figure("ml.synthetic.smape.auto", Smape(auto), "%");
        BenchReport.Figure("ml.synthetic.coverage95.auto", Enumerable.Range(0, series.Length).Average(i =>
            AccuracyMetrics.Coverage(series[i].AsSpan(SpeedLength, SpeedHorizon), auto[i].Lower, auto[i].Upper)) * 100, "%");
    }

    /// <summary>Hourly demand with a daily cycle, slow trend, Poisson-like noise and rare spikes; fixed seed per series.</summary>
    private static double[] SyntheticHourly(int seed)
    {
        var random = new Random(seed);
        var length = SpeedLength + SpeedHorizon;
        var level = 20 + 200 * random.NextDouble();
        var trend = (random.NextDouble() - 0.5) * level / length;
        var phase = random.NextDouble() * 2 * Math.PI;
        var amplitude = 0.2 + 0.5 * random.NextDouble();
        var values = new double[length];
        for (var t = 0; t < length; t++)
        {
            var daily = 1 + amplitude * Math.Sin(2 * Math.PI * t / 24 + phase) + 0.3 * amplitude * Math.Sin(4 * Math.PI * t / 24);
            var mean = Math.Max(1, (level + trend * t) * daily);
            var noise = Math.Sqrt(mean) * Gaussian(random);
            var spike = random.NextDouble() < 0.005 ? mean * 2 : 0;
            values[t] = Math.Max(0, Math.Round(mean + noise + spike));
        }

        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void RunAccuracy(string folder, bool dev, CancellationToken cancellationToken)
    {
        var period = dev ? "dev" : "test";
        var retail = LoadRetail(Path.Combine(folder, "online-retail-top30-daily.csv"));
        // Retail: weekly cycle of 6 trading days; 4 origins 6 days apart, horizon 12 → the last 30 days are the test period.
        Evaluate($"ml.retail.{period}", retail, [6], horizon: 12, origins: 4, step: 6, holdOut: dev ? 30 : 0, cancellationToken);

        var taxi = LoadTaxiHourly(Path.Combine(folder, "taxi-orders-10min.csv"));
        // Taxi: hourly with daily and weekly cycles; 7 daily origins, horizon 48 → the last 8 days are the test period.
        Evaluate($"ml.taxi_hourly.{period}", [taxi], [24, 168], horizon: 48, origins: 7, step: 24, holdOut: dev ? 192 : 0, cancellationToken);
    }

    private static void Evaluate(string prefix, IReadOnlyList<double[]> series, int[] periods, int horizon, int origins, int step,
        int holdOut, CancellationToken cancellationToken)
    {
        var backtest = new BacktestOptions
        {
            Horizon = horizon, Origins = origins, Step = step, SeasonalPeriod = periods[0], HoldOut = holdOut,
        };
        var clock = Stopwatch.StartNew();
        var ours = Backtester.Run(
            [new AutoForecaster(), new EtsForecaster(), new SsaForecaster(), new MstlForecaster()],
            series, new ForecastOptions { SeasonalPeriods = periods }, backtest, cancellationToken: cancellationToken);
        // Baselines as their textbook definitions: no transform, zeros not separated.
        var baselines = Backtester.Run(
            [new SeasonalNaiveForecaster(), new ThetaForecaster(), new NaiveForecaster()],
            series, new ForecastOptions { SeasonalPeriods = periods, Transform = TransformMode.None, SeparateZeros = false }, backtest,
            cancellationToken: cancellationToken);
        var all = ours.Models.Concat(baselines.Models).ToList();
        foreach (var model in all)
        {
            var name = model.Model.ToLowerInvariant();
            BenchReport.Figure($"{prefix}.smape.{name}", model.SMape, "%");
            BenchReport.Figure($"{prefix}.mase.{name}", model.Mase, "ratio");
            BenchReport.Figure($"{prefix}.msis.{name}", model.Msis, "ratio");
            BenchReport.Figure($"{prefix}.coverage95.{name}", model.Coverage * 100, "%");
        }

        var auto = all.Single(m => m.Model == "Auto");
        var snaive = all.Single(m => m.Model == "SNaive");
        var theta = all.Single(m => m.Model == "Theta");
        BenchReport.Figure($"{prefix}.smape_gain_vs_snaive", 100 * (1 - auto.SMape / snaive.SMape), "%");
        BenchReport.Figure($"{prefix}.mase_gain_vs_snaive", 100 * (1 - auto.Mase / snaive.Mase), "%");
        BenchReport.Figure($"{prefix}.smape_gain_vs_theta", 100 * (1 - auto.SMape / theta.SMape), "%");
        BenchReport.Figure($"{prefix}.mase_gain_vs_theta", 100 * (1 - auto.Mase / theta.Mase), "%");
        BenchReport.Note(string.Create(CultureInfo.InvariantCulture,
            $"{prefix}: {series.Count} series, {auto.Windows} windows per model, {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>
    /// Daily units per item on the calendar of non-Saturday days. A trading day on which an item sold nothing is 0;
    /// a day on which the shop did not trade at all (holidays) is missing. Each series starts at the item's first sale.
    /// </summary>
    private static List<double[]> LoadRetail(string path)
    {
        var rows = File.ReadLines(path).Skip(1).Select(line => line.Split(','))
            .Select(f => (Item: f[0], Day: DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Units: double.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();
        var trading = rows.Select(r => r.Day).ToHashSet();
        var calendar = new List<DateOnly>();
        for (var day = trading.Min(); day <= trading.Max(); day = day.AddDays(1))
        {
            if (day.DayOfWeek != DayOfWeek.Saturday)
            {
                calendar.Add(day);
            }
        }

        return rows.GroupBy(r => r.Item).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var sales = g.ToDictionary(r => r.Day, r => r.Units);
            var first = sales.Keys.Min();
            return calendar.Where(d => d >= first)
                .Select(d => sales.TryGetValue(d, out var units) ? units : trading.Contains(d) ? 0 : double.NaN)
                .ToArray();
        }).ToList();
    }

    /// <summary>Sums the 10-minute taxi orders into hourly counts.</summary>
    private static double[] LoadTaxiHourly(string path)
    {
        var hours = new SortedDictionary<DateTime, double>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.TrimEnd('\r').Split(',');
            var time = DateTime.ParseExact(fields[0], "M/d/yyyy H:mm", CultureInfo.InvariantCulture);
            var hour = new DateTime(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Unspecified);
            hours[hour] = hours.GetValueOrDefault(hour) + double.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        return [.. hours.Values];
    }

    private static string? FindDataFolder()
    {
        if (Environment.GetEnvironmentVariable("ORDERCLUSTER_DATA") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
                {
                    if (File.Exists(Path.Combine(candidate, "online-retail-top30-daily.csv")))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
        }

        return null;
    }
}
