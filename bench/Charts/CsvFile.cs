namespace OrderCluster.Bench.Charts;

/// <summary>
/// A small CSV reader for timelines and event lists: comma-separated cells, trimmed, double quotes around a cell that
/// holds a comma (<c>""</c> inside is a quote), blank lines skipped, no line breaks inside a cell.
/// </summary>
internal static class CsvFile
{
    /// <summary>The non-blank rows of <paramref name="lines"/> with their 1-based line numbers; null and <paramref name="error"/> set on a broken quote.</summary>
    public static List<(int Line, string[] Cells)>? Read(string file, IEnumerable<string> lines, out string? error)
    {
        var rows = new List<(int, string[])>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.Trim().Length == 0) continue;
            if (Split(line) is not { } cells)
            {
                error = $"{file} line {number} has an unterminated quote";
                return null;
            }

            rows.Add((number, cells));
        }

        error = null;
        return rows;
    }

    private static string[]? Split(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') cell.Append(line[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else cell.Append(c);
        }

        if (quoted) return null;
        cells.Add(cell.ToString().Trim());
        return [.. cells];
    }
}
