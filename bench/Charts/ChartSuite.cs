namespace OrderCluster.Bench.Charts;

/// <summary>
/// <c>chart</c>: turns benchmark output into SVG charts for <c>bench/REPORT.md</c>, so a figure is drawn from the very
/// lines a run printed. <c>bars</c> draws figures of a results file (<c>name value unit</c> lines) as horizontal bars,
/// or measured/baseline pairs; <c>lines</c> draws columns of a timeline CSV with events as vertical lines. Bad input is
/// refused with one line naming the problem and exit code 2; nothing is measured, so it prints no figures.
/// </summary>
internal sealed class ChartSuite : IBenchmarkSuite
{
    public string Name => "chart";

    public string Description => "draws SVG charts from benchmark output: 'chart bars …' from name-value-unit lines, 'chart lines …' from a timeline CSV";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (error, usage) = args.FirstOrDefault() switch
        {
            "bars" => Bars(args[1..]),
            "lines" => Lines(args[1..]),
            _ => ($"the first argument must be 'bars' or 'lines', not '{args.FirstOrDefault()}'", BarsOptions.Usage + "\n       " + LinesOptions.Usage),
        };
        if (error is null) return Task.FromResult(0);
        Console.Error.WriteLine($"chart: {error}");
        if (usage is not null) Console.Error.WriteLine($"usage: {usage}");
        return Task.FromResult(2);
    }

    /// <summary>Draws the bars; returns the refusal (and the usage if it was about the options), or nulls when written.</summary>
    private static (string? Error, string? Usage) Bars(string[] args)
    {
        if (BarsOptions.Parse(args, out var error) is not { } options) return (error, BarsOptions.Usage);
        if (ReadLines(options.In, "--in", out error) is not { } lines) return (error, null);
        var figures = BenchFigures.Parse(options.In, lines);

        var rows = new List<BarRow>();
        for (var i = 0; i < options.Figures.Count; i++)
        {
            var (measuredName, baselineName) = options.Figures[i];
            if (figures.Find(measuredName, out error) is not { } measured) return (error, null);
            BenchFigure? baseline = null;
            if (baselineName is not null && (baseline = figures.Find(baselineName, out error)) is null) return (error, null);
            rows.Add(new BarRow(options.Labels[i], measured, baseline));
        }

        var all = rows.SelectMany(r => r.Baseline is null ? [r.Measured] : new[] { r.Measured, r.Baseline }).ToList();
        var units = all.GroupBy(f => f.Unit, StringComparer.Ordinal).ToList();
        if (units.Count > 1)
            return ("the figures must share one unit to share an axis, but they have "
                + string.Join("; ", units.Select(u => $"{u.Key}: {string.Join(", ", u.Select(f => f.Name))}")), null);
        if (options.Log && all.FirstOrDefault(f => f.Value <= 0) is { } notPositive)
            return ($"--log needs every value above zero, but {notPositive.Name} is {NiceNumbers.Value(notPositive.Value)}", null);

        if (Written(options.Out, () => BarChart.Write(options.Out, options.Title, options.Subtitle, rows, units[0].Key, options.Log)) is { } failure)
            return (failure, null);
        BenchReport.Note($"chart: wrote {options.Out} ({rows.Count} {(options.Pairs ? "pairs" : "bars")} in {units[0].Key})");
        return (null, null);
    }

    /// <summary>Draws the lines; returns the refusal (and the usage if it was about the options), or nulls when written.</summary>
    private static (string? Error, string? Usage) Lines(string[] args)
    {
        if (LinesOptions.Parse(args, out var error) is not { } options) return (error, LinesOptions.Usage);
        if (ReadLines(options.In, "--in", out error) is not { } lines) return (error, null);
        string[]? markerLines = null;
        if (options.Markers is not null && (markerLines = ReadLines(options.Markers, "--markers", out error)) is null) return (error, null);
        if (Timeline.Load(options, lines, markerLines, out error) is not { } timeline) return (error, null);

        IReadOnlyList<string> hidden = [];
        if (Written(options.Out, () => hidden = LineChart.Write(options, timeline)) is { } failure) return (failure, null);
        BenchReport.Note($"chart: wrote {options.Out} ({timeline.X.Length} rows, {timeline.Series.Count} lines, {timeline.Markers.Count} markers)");
        if (hidden.Count > 0) BenchReport.Note($"chart: no room for the labels of these markers (their lines are drawn): {string.Join(", ", hidden)}");
        return (null, null);
    }

    /// <summary>Runs <paramref name="write"/>; returns one line naming <paramref name="path"/> if the file could not be written.</summary>
    private static string? Written(string path, Action write)
    {
        try
        {
            write();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--out file '{path}' cannot be written: {e.Message}";
        }
    }

    private static string[]? ReadLines(string path, string option, out string? error)
    {
        error = null;
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            error = $"{option} file '{path}' cannot be read: {e.Message}";
            return null;
        }
    }
}
