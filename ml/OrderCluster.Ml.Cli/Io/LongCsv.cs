using System.Globalization;

namespace OrderCluster.Ml.Cli.Io;

/// <summary>
/// Long CSV: a header row, then rows <c>series,timestamp,value</c> in any order. Each series is sorted by timestamp
/// (ISO-8601 or invariant date/time, or plain numbers); an empty value is missing. Gaps in time are not filled:
/// write a row with an empty value for a missing period.
/// </summary>
internal static class LongCsv
{
    public static SeriesSet Read(TextReader reader, string path)
    {
        var order = new List<string>();
        var points = new Dictionary<string, List<(double Key, double Value, int Row)>>(StringComparer.Ordinal);
        var header = true;
        foreach (var (row, line) in CsvText.Lines(reader))
        {
            if (header)
            {
                header = false;
                continue;
            }

            var fields = CsvText.Split(line);
            if (fields.Count != 3)
            {
                throw new InputFormatException(path, row, null, $"expected 3 columns (series,timestamp,value), found {fields.Count}");
            }

            var id = fields[0].Trim();
            if (id.Length == 0)
            {
                throw new InputFormatException(path, row, 1, "the series id is empty");
            }

            if (!TryParseTime(fields[1], out var key))
            {
                throw new InputFormatException(path, row, 2, $"'{fields[1]}' is not a timestamp or number");
            }

            if (!CsvText.TryParseValue(fields[2], out var value))
            {
                throw new InputFormatException(path, row, 3, $"'{fields[2]}' is not a number");
            }

            if (!points.TryGetValue(id, out var list))
            {
                points[id] = list = [];
                order.Add(id);
            }

            list.Add((key, value, row));
        }

        if (header)
        {
            throw new InputFormatException(path, 1, null, "the file is empty (expected a header row)");
        }

        var values = new List<double[]>();
        foreach (var id in order)
        {
            var list = points[id];
            list.Sort((a, b) => a.Key.CompareTo(b.Key));
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].Key == list[i - 1].Key)
                {
                    throw new InputFormatException(path, list[i].Row, 2, $"series '{id}' has two values for this timestamp (also row {list[i - 1].Row})");
                }
            }

            if (!list.Any(p => double.IsFinite(p.Value)))
            {
                throw new InputFormatException(path, list[0].Row, null, $"series '{id}' has no values");
            }

            values.Add(list.Select(p => p.Value).ToArray());
        }

        return new SeriesSet(order, values);
    }

    private static bool TryParseTime(string text, out double key)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out key) && double.IsFinite(key))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            key = time.UtcTicks;
            return true;
        }

        return false;
    }
}
