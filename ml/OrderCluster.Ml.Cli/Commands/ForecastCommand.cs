using OrderCluster.Ml.Cli.Io;

namespace OrderCluster.Ml.Cli.Commands;

/// <summary>Settings of <c>ordercluster-ml forecast</c>.</summary>
internal sealed record ForecastRequest(
    string Train, int Horizon, int[] Seasons, string Output, bool Intervals, double Level, string Model,
    TransformMode Transform, bool ClipOutliers, bool SeparateZeros, SeriesFormat Format, int Parallelism);

/// <summary>
/// Fits one model per series (in parallel over all cores) and writes H forecasts per series as wide CSV. With
/// intervals it also writes <c>NAME.lower.csv</c> and <c>NAME.upper.csv</c> beside the output, same layout.
/// </summary>
internal static class ForecastCommand
{
    public static int Run(ForecastRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var input = SeriesFile.Read(request.Train, request.Format);
        var forecaster = ModelCatalog.Create(request.Model);
        var options = new ForecastOptions
        {
            SeasonalPeriods = request.Seasons,
            Horizon = request.Horizon,
            Transform = request.Transform,
            ClipOutliers = request.ClipOutliers,
            SeparateZeros = request.SeparateZeros,
        };
        options.Validate();

        var count = input.Ids.Count;
        var results = new ForecastResult[count];
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = request.Parallelism > 0 ? request.Parallelism : Environment.ProcessorCount,
        };
        ProgressDisplay.Run("forecasting", count, progress =>
        {
            var done = 0;
            Parallel.For(0, count, parallel, i =>
            {
                results[i] = forecaster.Fit(input.Values[i], options).Forecast(request.Horizon, request.Level);
                progress.Report(Interlocked.Increment(ref done));
            });
            return done;
        });

        Write(request.Output, input.Ids, results.Select(r => r.Point.ToArray()).ToList(), request.Horizon);
        if (request.Intervals)
        {
            Write(SiblingPath(request.Output, "lower"), input.Ids, results.Select(r => r.Lower.ToArray()).ToList(), request.Horizon);
            Write(SiblingPath(request.Output, "upper"), input.Ids, results.Select(r => r.Upper.ToArray()).ToList(), request.Horizon);
        }

        output.WriteLine($"forecast {count} series, horizon {request.Horizon}, model {request.Model}: {request.Output}");
        return ExitCodes.Success;
    }

    /// <summary><c>out/f.csv</c> → <c>out/f.lower.csv</c>.</summary>
    internal static string SiblingPath(string output, string suffix)
    {
        var directory = Path.GetDirectoryName(output) ?? "";
        var name = Path.GetFileNameWithoutExtension(output);
        var extension = Path.GetExtension(output);
        return Path.Combine(directory, $"{name}.{suffix}{(extension.Length > 0 ? extension : ".csv")}");
    }

    private static void Write(string path, IReadOnlyList<string> ids, IReadOnlyList<double[]> rows, int horizon)
    {
        using var writer = new StreamWriter(path);
        WideCsv.Write(writer, ids, rows, horizon);
    }
}
