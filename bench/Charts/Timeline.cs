using System.Globalization;

namespace OrderCluster.Bench.Charts;

/// <summary>One drawn column of a timeline: a value per row, null where the cell is empty (a gap in the line).</summary>
internal sealed record TimelineSeries(string Name, double?[] Values, bool RightAxis);

/// <summary>An event on the timeline (a silo killed, a pause, a database restart), drawn as a labelled vertical line.</summary>
internal sealed record TimelineMarker(double X, string Label);

/// <summary>
/// The columns of a timeline CSV that a line chart draws, checked: every named column exists, every x is a number and
/// none is smaller than the one before, every y cell is a number or empty, and each series has at least one value.
/// </summary>
internal sealed record Timeline(double[] X, IReadOnlyList<TimelineSeries> Series, IReadOnlyList<TimelineMarker> Markers)
{
    /// <summary>
    /// Builds the timeline from the lines of <see cref="LinesOptions.In"/> and of <see cref="LinesOptions.Markers"/>;
    /// null and <paramref name="error"/> set on bad input.
    /// </summary>
    public static Timeline? Load(LinesOptions options, IEnumerable<string> lines, IEnumerable<string>? markerLines, out string? error)
    {
        if (CsvFile.Read(options.In, lines, out error) is not { } rows) return null;
        if (rows.Count < 2) return Fail(out error, $"{options.In} needs a header row and at least one row of values");
        var (_, header) = rows[0];
        int Column(string name) => Array.IndexOf(header, name);
        foreach (var name in options.Y.Concat(options.Y2).Prepend(options.X))
            if (Column(name) < 0) return Fail(out error, $"column '{name}' is not in {options.In}; its columns: {string.Join(", ", header)}");

        var x = new double[rows.Count - 1];
        var series = options.Y.Select(n => new TimelineSeries(n, new double?[x.Length], false))
            .Concat(options.Y2.Select(n => new TimelineSeries(n, new double?[x.Length], true)))
            .ToList();
        for (var r = 1; r < rows.Count; r++)
        {
            var (line, cells) = rows[r];
            if (cells.Length != header.Length)
                return Fail(out error, $"{options.In} line {line} has {cells.Length} cells but the header has {header.Length}");
            if (Number(cells[Column(options.X)]) is not { } xValue)
                return Fail(out error, $"{options.In} line {line}: {options.X} must be a number, not '{cells[Column(options.X)]}'");
            if (r > 1 && xValue < x[r - 2])
                return Fail(out error,
                    $"{options.In} line {line}: {options.X} goes back from {Invariant(x[r - 2])} to {Invariant(xValue)}; one run per file, in time order");
            x[r - 1] = xValue;
            foreach (var s in series)
            {
                var cell = cells[Column(s.Name)];
                if (cell.Length == 0) continue;
                if (Number(cell) is not { } value) return Fail(out error, $"{options.In} line {line}: {s.Name} must be a number or empty, not '{cell}'");
                s.Values[r - 1] = value;
            }
        }

        if (series.FirstOrDefault(s => s.Values.All(v => v is null)) is { } empty)
            return Fail(out error, $"column '{empty.Name}' of {options.In} has no values");
        if (markerLines is null) return new Timeline(x, series, []);
        return LoadMarkers(options.Markers!, markerLines, out error) is { } markers ? new Timeline(x, series, markers) : null;
    }

    /// <summary>Reads <c>x,label</c> rows; a first row whose x is not a number is a header.</summary>
    private static List<TimelineMarker>? LoadMarkers(string file, IEnumerable<string> lines, out string? error)
    {
        if (CsvFile.Read(file, lines, out error) is not { } rows) return null;
        var markers = new List<TimelineMarker>();
        foreach (var (line, cells) in rows)
        {
            var isHeader = line == rows[0].Line && Number(cells[0]) is null;
            if (isHeader) continue;
            if (cells.Length != 2) return FailAs<List<TimelineMarker>>(out error, $"{file} line {line} must be x,label (quote a label that holds a comma)");
            if (Number(cells[0]) is not { } at) return FailAs<List<TimelineMarker>>(out error, $"{file} line {line}: the x must be a number, not '{cells[0]}'");
            if (cells[1].Length == 0) return FailAs<List<TimelineMarker>>(out error, $"{file} line {line} has an empty label");
            markers.Add(new TimelineMarker(at, cells[1]));
        }

        if (markers.Count == 0) return FailAs<List<TimelineMarker>>(out error, $"{file} has no markers");
        return markers;
    }

    private static double? Number(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static string Invariant(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static Timeline? Fail(out string? error, string message) => FailAs<Timeline>(out error, message);

    private static T? FailAs<T>(out string? error, string message) where T : class
    {
        error = message;
        return null;
    }
}
