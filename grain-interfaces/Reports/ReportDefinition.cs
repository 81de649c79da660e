namespace OrderCluster.GrainInterfaces.Reports;

/// <summary>How a report's rows are cut in time: KPI hours or days, weeks (Monday, UTC) and months rolled up from days, or one row for the whole range.</summary>
public enum ReportGrain
{
    Hour,
    Day,
    Week,
    Month,
    Total,
}

/// <summary>
/// What a report computes over a tenant's KPI cells: <see cref="Measures"/> (names of <see cref="ReportMeasures"/>), per value of
/// one <see cref="Dimension"/> kind (empty: the tenant total) kept or dropped by <see cref="Include"/>/<see cref="Exclude"/>, over a
/// relative <see cref="Range"/> (<c>last 30 days</c>) or an absolute [<see cref="From"/>, <see cref="To"/>), per <see cref="Grain"/>,
/// sorted by a measure and cut to the <see cref="Top"/> values. Checked by <see cref="ReportValidation"/>.
/// </summary>
public sealed record ReportDefinition
{
    public ImmutableArray<string> Measures { get; init; } = [];

    /// <summary>Empty, or one of <see cref="ReportValidation.Dimensions"/> (<c>channel</c>, <c>sku</c>, <c>warehouse</c>, ...).</summary>
    public string Dimension { get; init; } = "";

    /// <summary>Dimension values (without the kind, e.g. <c>online</c>) to keep; all when empty.</summary>
    public ImmutableArray<string> Include { get; init; } = [];

    public ImmutableArray<string> Exclude { get; init; } = [];

    /// <summary><c>last {n} hours|days|weeks|months</c>, up to the end of the current period; used when <see cref="From"/> is not given. Default <c>last 30 days</c>.</summary>
    public string? Range { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public ReportGrain Grain { get; init; } = ReportGrain.Day;

    /// <summary>With a dimension: the values with the largest totals of the sort measure over the range; without: the first rows.</summary>
    public int? Top { get; init; }

    /// <summary>A measure of <see cref="Measures"/> to order rows by (largest first unless <see cref="Ascending"/>); periods, then values, when null.</summary>
    public string? SortBy { get; init; }

    public bool Ascending { get; init; }
}

/// <summary>A report's column of figures: measure name, label and unit (<c>count</c>, <c>amount</c>, <c>ratio</c>, <c>hours</c>, <c>minutes</c>).</summary>
public sealed record ReportColumn(string Name, string Label, string Unit);

/// <summary>One row: its period (null for <see cref="ReportGrain.Total"/>), its dimension value (null without a dimension), and a value per measure (null: undefined, e.g. an average of nothing).</summary>
public sealed record ReportRow(DateTimeOffset? PeriodStart, string? Value, ImmutableArray<double?> Values);

/// <summary>A report run: what ran, over which periods, its columns and rows.</summary>
public sealed record ReportResult
{
    public string? ReportId { get; init; }

    public string? Name { get; init; }

    public required ReportDefinition Definition { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public ImmutableArray<ReportColumn> Columns { get; init; } = [];

    public ImmutableArray<ReportRow> Rows { get; init; } = [];

    /// <summary>Measures a built-in report will show once the KPI figures carry them.</summary>
    public ImmutableArray<string> WaitingFor { get; init; } = [];
}
