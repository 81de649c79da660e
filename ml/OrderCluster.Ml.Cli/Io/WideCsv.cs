namespace OrderCluster.Ml.Cli.Io;

/// <summary>
/// Wide CSV: a header row, then one row per series — its id followed by its values, oldest first. Rows may differ
/// in length. An empty cell (or NA / NaN) between values is a missing value; empty cells after a row's last value
/// are padding, so a series ends at its last non-empty cell.
/// </summary>
internal static class WideCsv
{
    public static SeriesSet Read(TextReader reader, string path)
    {
        var ids = new List<string>();
        var values = new List<double[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var header = true;
        foreach (var (row, line) in CsvText.Lines(reader))
        {
            if (header)
            {
                header = false;
                continue;
            }

            var fields = CsvText.Split(line);
            var id = fields[0].Trim();
            if (id.Length == 0)
            {
                throw new InputFormatException(path, row, 1, "the series id is empty");
            }

            if (!seen.Add(id))
            {
                throw new InputFormatException(path, row, 1, $"series id '{id}' appears twice");
            }

            var last = fields.Count - 1;
            while (last >= 1 && fields[last].Trim().Length == 0)
            {
                last--;
            }

            var series = new double[last];
            for (var column = 1; column <= last; column++)
            {
                if (!CsvText.TryParseValue(fields[column], out series[column - 1]))
                {
                    throw new InputFormatException(path, row, column + 1, $"'{fields[column]}' is not a number (series '{id}')");
                }
            }

            if (!series.Any(double.IsFinite))
            {
                throw new InputFormatException(path, row, null, $"series '{id}' has no values");
            }

            ids.Add(id);
            values.Add(series);
        }

        if (header)
        {
            throw new InputFormatException(path, 1, null, "the file is empty (expected a header row)");
        }

        return new SeriesSet(ids, values);
    }

    /// <summary>Writes a header <c>id,h1..hH</c> and one row per series.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> ids, IReadOnlyList<double[]> rows, int horizon)
    {
        writer.Write("id");
        for (var h = 1; h <= horizon; h++)
        {
            writer.Write(",h");
            writer.Write(h);
        }

        writer.Write('\n');
        for (var i = 0; i < ids.Count; i++)
        {
            writer.Write(CsvText.Escape(ids[i]));
            foreach (var value in rows[i])
            {
                writer.Write(',');
                writer.Write(CsvText.Format(value));
            }

            writer.Write('\n');
        }
    }
}
