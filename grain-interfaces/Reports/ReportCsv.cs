using System.Globalization;
using System.Text;

namespace OrderCluster.GrainInterfaces.Reports;

/// <summary>
/// A report as CSV (RFC 4180: CRLF line ends, a header row, quotes around cells holding a comma, quote or line break, quotes
/// doubled). Columns: <c>period_start</c> (unless the grain is total; UTC ISO 8601), the dimension kind (when there is one),
/// then the measure names. Numbers use the invariant culture; an undefined value is an empty cell. A text cell a spreadsheet
/// would run as a formula (first character <c>= + - @</c>, tab or CR) is prefixed with <c>'</c>.
/// </summary>
public static class ReportCsv
{
    public const string MediaType = "text/csv";

    public static string Write(ReportResult result)
    {
        var definition = result.Definition;
        var withPeriod = definition.Grain != ReportGrain.Total;
        var withValue = definition.Dimension.Length > 0;
        var csv = new StringBuilder();
        var header = new List<string>();
        if (withPeriod) header.Add("period_start");
        if (withValue) header.Add(Text(definition.Dimension));
        header.AddRange(result.Columns.Select(c => Text(c.Name)));
        Line(csv, header);
        foreach (var row in result.Rows)
        {
            var cells = new List<string>(header.Count);
            if (withPeriod) cells.Add(row.PeriodStart is { } p ? p.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "");
            if (withValue) cells.Add(Text(row.Value ?? ""));
            cells.AddRange(row.Values.Select(v => v is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : ""));
            Line(csv, cells);
        }

        return csv.ToString();
    }

    /// <summary>Defuses formulas, then quotes when the cell holds a comma, quote or line break.</summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) => csv.AppendJoin(',', cells).Append("\r\n");
}
