namespace OrderCluster.GrainInterfaces.Analytics;

/// <summary>
/// A forecast series of a tenant: a grain (hour or day) and a dimension (empty = tenant total, or <c>channel:online</c>,
/// <c>sku:SKU-1</c>, <c>warehouse:w-1</c>; see <see cref="ForecastSeriesRule"/>). The value is the period's orders, or for a SKU or warehouse its units. Key: <c>{tenant}/{hour|day}/{total|dimension}</c>.
/// </summary>
public sealed record SeriesId(string Tenant, TimeGrain Grain, string Dimension)
{
    public string Key => $"{Tenant}/{(Grain == TimeGrain.Hour ? "hour" : "day")}/{(Dimension.Length == 0 ? "total" : Dimension)}";

    /// <summary>SKU and warehouse series measure units (what stock and picking plan for); every other series measures orders.</summary>
    public bool MeasuresUnits => Dimension.StartsWith("sku:", StringComparison.Ordinal) || Dimension.StartsWith("warehouse:", StringComparison.Ordinal);

    public double ValueOf(KpiFigures figures) => MeasuresUnits ? figures.Units : figures.Orders;

    public static SeriesId Parse(string key)
    {
        var parts = key.Split('/', 3);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1] is not ("hour" or "day") || parts[2].Length == 0)
            throw new ArgumentException($"'{key}' is not a series key ({{tenant}}/{{hour|day}}/{{total|dimension}}).", nameof(key));
        return new SeriesId(parts[0], parts[1] == "hour" ? TimeGrain.Hour : TimeGrain.Day, parts[2] == "total" ? "" : parts[2]);
    }
}

/// <summary>An observed value of one period.</summary>
public sealed record Observation(DateTimeOffset PeriodStart, double Value);

/// <summary>One forecast period: point (median) and interval bounds.</summary>
public sealed record ForecastPoint(DateTimeOffset PeriodStart, double Point, double Lower, double Upper);

/// <summary>A forecast as issued: after which observed period, by which model, and its points.</summary>
public sealed record IssuedForecast
{
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The last observed period the forecast was made from.</summary>
    public required DateTimeOffset Origin { get; init; }

    public required string Model { get; init; }

    public double Level { get; init; }

    public ImmutableArray<ForecastPoint> Points { get; init; } = [];
}

/// <summary>A forecast point whose actual arrived: horizon h (1 = the period after the origin) and its error.</summary>
public sealed record ScoredPoint(DateTimeOffset PeriodStart, DateTimeOffset Origin, int Horizon, double Forecast, double Lower, double Upper, double Actual)
{
    public double AbsoluteError => Math.Abs(Actual - Forecast);

    /// <summary>The point's sMAPE term in percent: 200 |Y−F| / (|Y|+|F|), 0 when both are 0.</summary>
    public double SMapeTerm => Actual == 0 && Forecast == 0 ? 0 : 200 * AbsoluteError / (Math.Abs(Actual) + Math.Abs(Forecast));

    public bool Covered => Actual >= Lower && Actual <= Upper;
}

/// <summary>
/// Rolling accuracy over the scored points of the last <see cref="WindowPeriods"/> observed periods (every horizon):
/// sMAPE (%), MASE (mean absolute error over the in-sample mean |Y_t − Y_{t−m}| of the observed history) and interval coverage.
/// Null when nothing was scored yet (MASE also when the scale is 0).
/// </summary>
public sealed record ForecastAccuracy(int WindowPeriods, int ScoredPoints, double? SMape, double? Mase, double? Coverage, int SeasonalPeriod);

/// <summary>What a planner sees of a series.</summary>
public sealed record ForecastView
{
    public required string SeriesKey { get; init; }

    public string? Model { get; init; }

    public DateTimeOffset? LastRefitAt { get; init; }

    public ImmutableArray<Observation> History { get; init; } = [];

    public IssuedForecast? Latest { get; init; }

    public int ForecastsKept { get; init; }

    public required ForecastAccuracy Accuracy { get; init; }

    public ImmutableArray<ScoredPoint> RecentScores { get; init; } = [];
}
