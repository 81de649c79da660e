using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.GrainInterfaces.Reports;

/// <summary>
/// Turns KPI cells into a report's rows: keeps the cells of the report's dimension (and filters), adds them per row period
/// and value, applies the measures to the sums, sorts and cuts to the top values. A pure function of the cells.
/// </summary>
public static class ReportComputation
{
    public static ImmutableArray<ReportRow> Rows(ReportDefinition definition, IEnumerable<KpiPoint> points)
    {
        var measures = definition.Measures.Select(m => ReportMeasures.Find(m)!).ToArray();
        var include = definition.Include.IsDefaultOrEmpty ? null : definition.Include.ToHashSet(StringComparer.Ordinal);
        var exclude = definition.Exclude.IsDefaultOrEmpty ? null : definition.Exclude.ToHashSet(StringComparer.Ordinal);
        var cells = new Dictionary<(DateTimeOffset? Period, string? Value), KpiFigures>();
        foreach (var point in points)
        {
            var (matches, value) = ValueOf(definition.Dimension, point.Dimension);
            if (!matches) continue;
            if (value is not null && ((include is not null && !include.Contains(value)) || (exclude is not null && exclude.Contains(value)))) continue;
            var key = (BucketOf(definition.Grain, point.PeriodStart), value);
            cells[key] = (cells.GetValueOrDefault(key) ?? KpiFigures.Zero).Plus(point.Figures);
        }

        var sortIndex = definition.SortBy is { } sortBy ? Array.FindIndex(measures, m => m.Name == sortBy) : -1;
        if (definition.Top is { } top && definition.Dimension.Length > 0)
        {
            // the values with the largest totals of the sort measure (else the first measure) over the whole range
            var ranking = measures[Math.Max(sortIndex, 0)];
            var kept = cells.GroupBy(c => c.Key.Value!)
                .Select(g => (Value: g.Key, Total: ranking.Of(g.Aggregate(KpiFigures.Zero, (sum, c) => sum.Plus(c.Value)))))
                .OrderByDescending(v => v.Total ?? double.NegativeInfinity).ThenBy(v => v.Value, StringComparer.Ordinal)
                .Take(top).Select(v => v.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var key in cells.Keys.Where(k => !kept.Contains(k.Value!)).ToList()) cells.Remove(key);
        }

        var rows = cells.Select(c => new ReportRow(c.Key.Period, c.Key.Value, [.. measures.Select(m => Finite(m.Of(c.Value)))]));
        var ordered = sortIndex < 0
            ? rows.OrderBy(r => r.PeriodStart).ThenBy(r => r.Value, StringComparer.Ordinal)
            : (definition.Ascending
                ? rows.OrderBy(r => r.Values[sortIndex] ?? double.PositiveInfinity)
                : rows.OrderByDescending(r => r.Values[sortIndex] ?? double.NegativeInfinity))
            .ThenBy(r => r.PeriodStart).ThenBy(r => r.Value, StringComparer.Ordinal);
        var result = ordered.ToList();
        if (definition.Top is { } first && definition.Dimension.Length == 0) result = result.Take(first).ToList();
        return [.. result];
    }

    /// <summary>The start of the row period a KPI period falls in (null: one row for the range).</summary>
    public static DateTimeOffset? BucketOf(ReportGrain grain, DateTimeOffset period) => grain switch
    {
        ReportGrain.Week => WeekOf(period),
        ReportGrain.Month => MonthOf(period),
        ReportGrain.Total => null,
        _ => period,
    };

    /// <summary>Monday 00:00 UTC of the ISO week containing <paramref name="time"/>.</summary>
    public static DateTimeOffset WeekOf(DateTimeOffset time)
    {
        var day = new DateTimeOffset(time.UtcDateTime.Date, TimeSpan.Zero);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    public static DateTimeOffset MonthOf(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Whether a cell belongs to the report's dimension, and its value (null for the tenant total).</summary>
    private static (bool Matches, string? Value) ValueOf(string dimension, string cellDimension)
    {
        if (dimension.Length == 0) return (cellDimension.Length == 0, null);
        return cellDimension.Length > dimension.Length && cellDimension[dimension.Length] == ':' && cellDimension.StartsWith(dimension, StringComparison.Ordinal)
            ? (true, cellDimension[(dimension.Length + 1)..])
            : (false, null);
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
