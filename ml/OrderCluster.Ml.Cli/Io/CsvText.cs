using System.Globalization;
using System.Text;

namespace OrderCluster.Ml.Cli.Io;

/// <summary>Minimal RFC 4180 field splitting and number parsing shared by the readers and writers.</summary>
internal static class CsvText
{
    /// <summary>Splits one line into fields; double quotes may enclose a field and "" escapes a quote.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>Parses a value cell: empty, <c>NA</c> or <c>NaN</c> is missing (NaN); anything else must be a finite number.</summary>
    public static bool TryParseValue(string text, out double value)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("NA", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Quotes a field when it contains a comma, quote or line break.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    public static string Format(double value) =>
        double.IsNaN(value) ? "" : value.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>Reads all lines, dropping a trailing CR (CRLF files) and fully blank lines, keeping 1-based row numbers.</summary>
    public static IEnumerable<(int Row, string Line)> Lines(TextReader reader)
    {
        var row = 0;
        while (reader.ReadLine() is { } line)
        {
            row++;
            line = line.TrimEnd('\r');
            if (line.Trim().Length > 0)
            {
                yield return (row, line);
            }
        }
    }
}
