using System.Globalization;
using System.Text;
using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.Dashboard.Planner;

/// <summary>
/// The planner's CSV exports (RFC 4180, invariant culture, UTC ISO-8601 times): a series' history, latest forecast and scored
/// past forecasts, and KPI cells. Text that a spreadsheet would run as a formula (<c>= + - @</c> first) is prefixed with <c>'</c>.
/// </summary>
internal static class PlannerCsv
{
    public const string SeriesHeader = "period_start,kind,actual,forecast,lower,upper,origin,horizon";

    public const string KpiHeader = "period_start,dimension,orders,units,revenue,cancelled,shipped,avg_placed_to_shipped_hours,avg_approval_minutes,sla_compliance";

    /// <summary>Rows <c>actual</c> (the history), <c>forecast</c> (the latest forecast's points with bounds) and <c>scored</c> (past forecasts with their actuals).</summary>
    public static string Series(ForecastView view)
    {
        var csv = new StringBuilder(SeriesHeader).Append("\r\n");
        foreach (var o in view.History) Row(csv, Time(o.PeriodStart), "actual", Number(o.Value), "", "", "", "", "");
        if (view.Latest is { } latest)
        {
            var h = 0;
            foreach (var p in latest.Points)
                Row(csv, Time(p.PeriodStart), "forecast", "", Number(p.Point), Number(p.Lower), Number(p.Upper), Time(latest.Origin), (++h).ToString(CultureInfo.InvariantCulture));
        }

        foreach (var s in view.RecentScores)
            Row(csv, Time(s.PeriodStart), "scored", Number(s.Actual), Number(s.Forecast), Number(s.Lower), Number(s.Upper), Time(s.Origin), s.Horizon.ToString(CultureInfo.InvariantCulture));
        return csv.ToString();
    }

    public static string Kpis(IEnumerable<KpiPoint> points)
    {
        var csv = new StringBuilder(KpiHeader).Append("\r\n");
        foreach (var p in points)
        {
            var f = p.Figures;
            Row(csv, Time(p.PeriodStart), Text(p.Dimension), Number(f.Orders), Number(f.Units), f.Revenue.ToString(CultureInfo.InvariantCulture), Number(f.Cancelled),
                Number(f.Shipped), Optional(f.AveragePlacedToShippedHours), Optional(f.AverageApprovalMinutes), Optional(f.SlaCompliance));
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, params string[] cells) => csv.AppendJoin(',', cells).Append("\r\n");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Optional(double? value) => value is { } v ? Number(v) : "";

    /// <summary>Quotes a text cell when it holds a comma, quote or line break, and defuses formulas.</summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
