using System.Globalization;

namespace OrderCluster.Bench.Charts;

/// <summary>One <c>name value unit</c> line of benchmark output, with its line number for messages.</summary>
internal sealed record BenchFigure(string Name, double Value, string Unit, int Line);

/// <summary>
/// The figures of a results file as <see cref="BenchReport.Figure"/> prints them; every other line (a note, a blank, a
/// heading someone added) is skipped, so whole captured output can be charted.
/// </summary>
internal sealed class BenchFigures
{
    private readonly string _file;
    private readonly List<BenchFigure> _figures;

    private BenchFigures(string file, List<BenchFigure> figures)
    {
        _file = file;
        _figures = figures;
    }

    public static BenchFigures Parse(string file, IEnumerable<string> lines)
    {
        var figures = new List<BenchFigure>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && double.IsFinite(value))
                figures.Add(new BenchFigure(parts[0], value, parts[2], number));
        }

        return new BenchFigures(file, figures);
    }

    /// <summary>
    /// The figure called <paramref name="name"/>; null and <paramref name="error"/> set if the file lacks it (naming
    /// figures that share its prefix) or has it more than once (two runs in one file: which one is meant is unclear).
    /// </summary>
    public BenchFigure? Find(string name, out string? error)
    {
        var matches = _figures.Where(f => f.Name == name).ToList();
        error = matches.Count switch
        {
            1 => null,
            0 => $"figure '{name}' is not in {_file} ({_figures.Count} figures there{Similar(name)})",
            _ => $"figure '{name}' is in {_file} {matches.Count} times (lines {string.Join(", ", matches.Select(m => m.Line))}); chart one run's output",
        };
        return matches.Count == 1 ? matches[0] : null;
    }

    private string Similar(string name)
    {
        var dot = name.LastIndexOf('.');
        var prefix = dot > 0 ? name[..(dot + 1)] : name;
        var similar = _figures.Select(f => f.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Distinct().Take(6).ToList();
        return similar.Count == 0 ? "" : "; similar: " + string.Join(", ", similar);
    }
}
