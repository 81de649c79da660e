namespace OrderCluster.Bench.Charts;

/// <summary>
/// The options of <c>chart lines</c>: which columns of a timeline CSV to draw against which, an optional right-hand axis,
/// and an optional CSV of events drawn as labelled vertical lines. <see cref="Parse"/> refuses anything it does not
/// understand, naming the option.
/// </summary>
internal sealed record LinesOptions
{
    public const string Usage =
        "chart lines --in TIMELINE.csv --out FILE.svg --title TEXT --x COLUMN --y COLUMN,… [--y2 COLUMN,…] [--markers EVENTS.csv]\n"
        + "       [--x-label TEXT] [--y-label TEXT] [--y2-label TEXT] [--subtitle TEXT]";

    private static readonly string[] Valued =
        ["--in", "--out", "--title", "--x", "--y", "--y2", "--markers", "--x-label", "--y-label", "--y2-label", "--subtitle"];

    /// <summary>The timeline: a CSV with a header row and invariant-culture numbers (an empty cell is a gap in that line).</summary>
    public required string In { get; init; }

    public required string Out { get; init; }

    public required string Title { get; init; }

    /// <summary>A second, smaller line under the title (e.g. the machine). Default: none.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The column along the horizontal axis; its values must not decrease.</summary>
    public required string X { get; init; }

    /// <summary>The columns drawn against the left axis.</summary>
    public required IReadOnlyList<string> Y { get; init; }

    /// <summary>The columns drawn, dashed, against a right-hand axis. Default: none, and no right axis.</summary>
    public IReadOnlyList<string> Y2 { get; init; } = [];

    /// <summary>A CSV of <c>x,label</c> rows (a header row is optional) drawn as labelled vertical lines. Default: none.</summary>
    public string? Markers { get; init; }

    /// <summary>The horizontal axis title, with its unit (e.g. <c>elapsed (s)</c>). Default: the <see cref="X"/> column name.</summary>
    public required string XLabel { get; init; }

    /// <summary>The left axis title, with its unit (e.g. <c>orders/s</c>). Default: the <see cref="Y"/> column names.</summary>
    public required string YLabel { get; init; }

    /// <summary>The right axis title. Default: the <see cref="Y2"/> column names.</summary>
    public required string Y2Label { get; init; }

    /// <summary>Reads <paramref name="args"/>; returns null and sets <paramref name="error"/> to one line naming the problem.</summary>
    public static LinesOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        if (ChartArgs.Read(args, Valued, [], out error) is not { } given) return null;
        if (!ChartArgs.HasAll(given, ["--in", "--out", "--title", "--x", "--y"], out error)) return null;
        if (!ChartArgs.IsSvgPath(given["--out"]!, out error)) return null;
        if (ChartArgs.List("--y", given["--y"]!, out error) is not { } y) return null;
        List<string> y2 = [];
        if (given.TryGetValue("--y2", out var y2List))
        {
            if (ChartArgs.List("--y2", y2List!, out error) is not { } y2Items) return null;
            y2 = y2Items;
        }

        var x = given["--x"]!.Trim();
        var all = y.Concat(y2).ToList();
        if (all.Contains(x)) return Fail(out error, $"column '{x}' is both --x and a y column");
        if (all.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return Fail(out error, $"column '{twice.Key}' is named twice in --y/--y2");

        error = null;
        return new LinesOptions
        {
            In = given["--in"]!,
            Out = given["--out"]!,
            Title = given["--title"]!,
            Subtitle = given.GetValueOrDefault("--subtitle"),
            X = x,
            Y = y,
            Y2 = y2,
            Markers = given.GetValueOrDefault("--markers"),
            XLabel = given.GetValueOrDefault("--x-label") ?? x,
            YLabel = given.GetValueOrDefault("--y-label") ?? string.Join(", ", y),
            Y2Label = given.GetValueOrDefault("--y2-label") ?? string.Join(", ", y2),
        };
    }

    private static LinesOptions? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
