namespace OrderCluster.Bench.Charts;

/// <summary>
/// The options of <c>chart bars</c>: which figures of a results file to draw as horizontal bars, or with <c>--pairs</c>
/// as measured/baseline pairs side by side. <see cref="Parse"/> refuses anything it does not understand, naming the option.
/// </summary>
internal sealed record BarsOptions
{
    public const string Usage =
        "chart bars --in RESULTS.txt --out FILE.svg --title TEXT --figures NAME,NAME,… [--labels A,B,…] [--log] [--subtitle TEXT]\n"
        + "       chart bars --pairs --in RESULTS.txt --out FILE.svg --title TEXT --figures MEASURED:BASELINE,… [--labels A,B,…] [--log] [--subtitle TEXT]";

    private static readonly string[] Valued = ["--in", "--out", "--title", "--figures", "--labels", "--subtitle"];
    private static readonly string[] Flags = ["--log", "--pairs"];

    /// <summary>The results file: benchmark output, one <c>name value unit</c> figure a line.</summary>
    public required string In { get; init; }

    public required string Out { get; init; }

    public required string Title { get; init; }

    /// <summary>A second, smaller line under the title (e.g. the machine). Default: none.</summary>
    public string? Subtitle { get; init; }

    /// <summary>The bars top to bottom: a figure each, or with <see cref="Pairs"/> a measured figure and its baseline.</summary>
    public required IReadOnlyList<(string Measured, string? Baseline)> Figures { get; init; }

    /// <summary>The label of each bar (or pair). Default: the (measured) figure's name.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>A logarithmic value axis (every value must be above zero). Default: linear from zero.</summary>
    public bool Log { get; init; }

    /// <summary><see cref="Figures"/> come as <c>measured:baseline</c> and each pair is drawn as two bars with a legend.</summary>
    public bool Pairs { get; init; }

    /// <summary>Reads <paramref name="args"/>; returns null and sets <paramref name="error"/> to one line naming the problem.</summary>
    public static BarsOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        if (ChartArgs.Read(args, Valued, Flags, out error) is not { } given) return null;
        if (!ChartArgs.HasAll(given, ["--in", "--out", "--title", "--figures"], out error)) return null;
        if (!ChartArgs.IsSvgPath(given["--out"]!, out error)) return null;
        var pairs = given.ContainsKey("--pairs");
        if (ChartArgs.List("--figures", given["--figures"]!, out error) is not { } items) return null;

        var figures = new List<(string, string?)>();
        foreach (var item in items)
        {
            var parts = item.Split(':');
            if (pairs && (parts.Length != 2 || parts.Any(p => p.Trim().Length == 0)))
                return Fail(out error, $"--pairs needs every --figures entry as measured:baseline, not '{item}'");
            if (!pairs && parts.Length != 1)
                return Fail(out error, $"--figures entry '{item}' looks like measured:baseline; add --pairs to draw pairs");
            figures.Add(pairs ? (parts[0].Trim(), parts[1].Trim()) : (item, null));
        }

        var labels = figures.Select(f => f.Item1).ToList();
        if (given.TryGetValue("--labels", out var labelList))
        {
            if (ChartArgs.List("--labels", labelList!, out error) is not { } labelItems) return null;
            if (labelItems.Count != figures.Count)
                return Fail(out error, $"--labels has {labelItems.Count} entries but --figures has {figures.Count}{(pairs ? " pairs" : "")}; give one label each");
            labels = labelItems;
        }

        error = null;
        return new BarsOptions
        {
            In = given["--in"]!,
            Out = given["--out"]!,
            Title = given["--title"]!,
            Subtitle = given.GetValueOrDefault("--subtitle"),
            Figures = figures,
            Labels = labels,
            Log = given.ContainsKey("--log"),
            Pairs = pairs,
        };
    }

    private static BarsOptions? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
