using System.Globalization;
using OrderCluster.GrainInterfaces.Analytics;

namespace OrderCluster.GrainInterfaces.Reports;

/// <summary>The checks a report definition passes before it runs or is saved; each failure names its field.</summary>
public static class ReportValidation
{
    public const int MaxMeasures = 20;
    public const int MaxFilterValues = 200;
    public const int MaxTop = 1_000;
    public const int MaxHourPeriods = 24 * 400;
    public const int MaxDayPeriods = 3_660;

    /// <summary>The dimension kinds a report can break down by (those the analytics grains keep).</summary>
    public static ImmutableArray<string> Dimensions { get; } = ["channel", "sku", "warehouse", "customer", "currency", "step"];

    public static ImmutableArray<FieldError> Check(ReportDefinition definition, DateTimeOffset now)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (definition.Measures.IsDefaultOrEmpty) errors.Add(Error("measures", "Name at least one measure (GET /api/v1/reports/measures lists them)."));
        else if (definition.Measures.Length > MaxMeasures) errors.Add(Error("measures", $"At most {MaxMeasures} measures."));
        else
        {
            for (var i = 0; i < definition.Measures.Length; i++)
                if (!ReportMeasures.Exists(definition.Measures[i]))
                    errors.Add(Error($"measures[{i}]", $"'{definition.Measures[i]}' is not a measure; known: {string.Join(", ", ReportMeasures.All.Select(m => m.Name))}."));
            if (definition.Measures.Distinct(StringComparer.Ordinal).Count() != definition.Measures.Length) errors.Add(Error("measures", "A measure is named twice."));
        }

        if (definition.Dimension.Length > 0 && !Dimensions.Contains(definition.Dimension))
            errors.Add(Error("dimension", $"'{definition.Dimension}' is not a dimension; use one of {string.Join(", ", Dimensions)}, or none."));
        CheckValues(errors, "include", definition.Include, definition.Dimension);
        CheckValues(errors, "exclude", definition.Exclude, definition.Dimension);
        if (definition.Top is { } top && top is < 1 or > MaxTop) errors.Add(Error("top", $"top must be 1–{MaxTop}."));
        if (definition.SortBy is { } sort && (definition.Measures.IsDefault || !definition.Measures.Contains(sort)))
            errors.Add(Error("sortBy", $"sortBy must be one of the report's measures, not '{sort}'."));
        if (!Enum.IsDefined(definition.Grain)) errors.Add(Error("grain", "grain must be hour, day, week, month or total."));
        else if (ResolveRange(definition, now, out _, out _) is { } rangeError) errors.Add(rangeError);
        return errors.ToImmutable();
    }

    /// <summary>The periods the report covers: [<paramref name="from"/>, <paramref name="to"/>), or the field error that says why not.</summary>
    public static FieldError? ResolveRange(ReportDefinition definition, DateTimeOffset now, out DateTimeOffset from, out DateTimeOffset to)
    {
        from = to = default;
        var kpiGrain = KpiGrainOf(definition.Grain);
        if (definition.From is { } start)
        {
            if (definition.Range is not null) return Error("range", "Give either range or from/to, not both.");
            from = start;
            to = definition.To ?? now;
            if (from >= to) return Error("from", "from must be before to.");
        }
        else if (definition.To is not null) return Error("from", "to needs from.");
        else if (ParseRelative(definition.Range ?? "last 30 days", now) is { } relative) (from, to) = relative;
        else return Error("range", $"'{definition.Range}' is not a range such as 'last 30 days' (hours, days, weeks or months, 1–{MaxDayPeriods}).");

        var limit = kpiGrain == TimeGrain.Hour ? MaxHourPeriods : MaxDayPeriods;
        return (to - from) / kpiGrain.Length() > limit ? Error("range", $"At most {limit} {(kpiGrain == TimeGrain.Hour ? "hours" : "days")} per report.") : null;
    }

    /// <summary>The KPI grain a report grain is computed from: hours for hourly reports, days for every other.</summary>
    public static TimeGrain KpiGrainOf(ReportGrain grain) => grain == ReportGrain.Hour ? TimeGrain.Hour : TimeGrain.Day;

    /// <summary><c>last {n} {unit}</c>: the current period of the unit and the n−1 before it (months are calendar months, weeks start on Monday).</summary>
    private static (DateTimeOffset From, DateTimeOffset To)? ParseRelative(string text, DateTimeOffset now)
    {
        var parts = text.Trim().ToLowerInvariant().Split([' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries); // "last-7-days" reads well in a URL
        if (parts is not ["last", var number, var unit] || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxDayPeriods)
            return null;
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(utc.Date, TimeSpan.Zero);
        switch (unit.TrimEnd('s'))
        {
            case "hour":
                var hourEnd = TimeGrain.Hour.PeriodOf(utc).AddHours(1);
                return (hourEnd.AddHours(-n), hourEnd);
            case "day":
                return (today.AddDays(1 - n), today.AddDays(1));
            case "week":
                var monday = ReportComputation.WeekOf(today);
                return (monday.AddDays(-7 * (n - 1)), monday.AddDays(7));
            case "month":
                var first = ReportComputation.MonthOf(today);
                return (first.AddMonths(1 - n), first.AddMonths(1));
            default:
                return null;
        }
    }

    private static void CheckValues(ImmutableArray<FieldError>.Builder errors, string field, ImmutableArray<string> values, string dimension)
    {
        if (values.IsDefaultOrEmpty) return;
        if (dimension.Length == 0) errors.Add(Error(field, $"{field} filters dimension values: set a dimension."));
        if (values.Length > MaxFilterValues) errors.Add(Error(field, $"At most {MaxFilterValues} values."));
        for (var i = 0; i < values.Length; i++)
            if (string.IsNullOrEmpty(values[i]) || values[i].Length > 300) errors.Add(Error($"{field}[{i}]", "A value is 1–300 characters."));
    }

    private static FieldError Error(string field, string message) => new(field, "invalid-report", message);
}
