namespace OrderCluster.GrainInterfaces.Analytics;

/// <summary>The width of a KPI or forecast period (UTC hours and days).</summary>
public enum TimeGrain
{
    Hour,
    Day,
}

public static class TimeGrains
{
    public static TimeSpan Length(this TimeGrain grain) => grain == TimeGrain.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

    /// <summary>The start of the UTC period containing <paramref name="time"/>.</summary>
    public static DateTimeOffset PeriodOf(this TimeGrain grain, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var ticks = utc.Ticks - utc.Ticks % grain.Length().Ticks;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}

/// <summary>
/// Additive figures of one period and dimension value. Orders count in the period they were created in (a cohort view):
/// cancelling or shipping an order later updates the period it was created in. Durations are whole milliseconds, so sums
/// stay exact; averages are derived.
/// </summary>
public sealed record KpiFigures
{
    public static readonly KpiFigures Zero = new();

    public long Orders { get; init; }

    public long Units { get; init; }

    /// <summary>Order totals (including shipping) or, per SKU, line totals; amounts of all currencies added (see the <c>currency:</c> dimension).</summary>
    public decimal Revenue { get; init; }

    public long Cancelled { get; init; }

    public long Shipped { get; init; }

    /// <summary>Sum over shipped orders of placed → first shipped.</summary>
    public long PlacedToShippedMs { get; init; }

    /// <summary>Approval rounds that ended approved, and the time from request to the last level's grant.</summary>
    public long Approvals { get; init; }

    public long ApprovalMs { get; init; }

    public long SlaMet { get; init; }

    public long SlaBreached { get; init; }

    /// <summary>Per workflow step (dimension <c>step:{status}</c>): how often orders left the status and the time they spent in it.</summary>
    public long StepExits { get; init; }

    public long StepMs { get; init; }

    /// <summary>Cost of goods sold: Σ quantity × unit cost of the lines whose unit cost is fixed (at allocation, or given with the line); lines without a cost add nothing.</summary>
    public decimal Cogs { get; init; }

    /// <summary>Σ (line total − line cost) over the same costed lines (per order, and per SKU under <c>sku:</c>); shipping is not in it.</summary>
    public decimal Margin { get; init; }

    /// <summary>Units of received returns (the goods came back).</summary>
    public long Returned { get; init; }

    /// <summary>Orders with at least one received return unit.</summary>
    public long ReturnedOrders { get; init; }

    /// <summary>Amount refunded (refunds paid out; pending and rejected ones excluded), currencies added as for <see cref="Revenue"/>.</summary>
    public decimal Refunded { get; init; }

    /// <summary>
    /// Orders needing correction, each counted once: put on hold, rejected in approval, or edited (lines, fulfilment details,
    /// custom fields) after leaving their initial status.
    /// </summary>
    public long Corrections { get; init; }

    public double? AveragePlacedToShippedHours => Shipped == 0 ? null : PlacedToShippedMs / 3_600_000.0 / Shipped;

    public double? AverageApprovalMinutes => Approvals == 0 ? null : ApprovalMs / 60_000.0 / Approvals;

    public double? AverageStepMinutes => StepExits == 0 ? null : StepMs / 60_000.0 / StepExits;

    public double? SlaCompliance => SlaMet + SlaBreached == 0 ? null : (double)SlaMet / (SlaMet + SlaBreached);

    /// <summary>Share of orders with a received return.</summary>
    public double? ReturnRate => Orders == 0 ? null : (double)ReturnedOrders / Orders;

    /// <summary>Share of orders needing correction (see <see cref="Corrections"/>).</summary>
    public double? ErrorRate => Orders == 0 ? null : (double)Corrections / Orders;

    /// <summary>Margin as a share of the revenue of the costed lines.</summary>
    public double? MarginPercent => Cogs + Margin == 0 ? null : (double)(Margin / (Cogs + Margin)) * 100;

    public KpiFigures Plus(KpiFigures o) => Add(o, 1);

    public KpiFigures Minus(KpiFigures o) => Add(o, -1);

    /// <summary>This plus <paramref name="sign"/> × <paramref name="o"/>; the one place that lists every figure.</summary>
    private KpiFigures Add(KpiFigures o, int sign) => new()
    {
        Orders = Orders + sign * o.Orders, Units = Units + sign * o.Units, Revenue = Revenue + sign * o.Revenue, Cancelled = Cancelled + sign * o.Cancelled,
        Shipped = Shipped + sign * o.Shipped, PlacedToShippedMs = PlacedToShippedMs + sign * o.PlacedToShippedMs, Approvals = Approvals + sign * o.Approvals,
        ApprovalMs = ApprovalMs + sign * o.ApprovalMs, SlaMet = SlaMet + sign * o.SlaMet, SlaBreached = SlaBreached + sign * o.SlaBreached,
        StepExits = StepExits + sign * o.StepExits, StepMs = StepMs + sign * o.StepMs,
        Cogs = Cogs + sign * o.Cogs, Margin = Margin + sign * o.Margin, Returned = Returned + sign * o.Returned,
        ReturnedOrders = ReturnedOrders + sign * o.ReturnedOrders, Refunded = Refunded + sign * o.Refunded, Corrections = Corrections + sign * o.Corrections,
    };

    public bool IsZero => this == Zero;
}

/// <summary>
/// A KPI series request. <see cref="Dimension"/>: empty for the tenant total; a kind (<c>channel</c>, <c>sku</c>,
/// <c>warehouse</c>, <c>customer</c>, <c>currency</c>, <c>step</c>) for every value of it; <c>kind:value</c> for one value.
/// Periods are those starting in [<see cref="From"/>, <see cref="To"/>).
/// </summary>
public sealed record KpiQuery
{
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public TimeGrain Grain { get; init; } = TimeGrain.Hour;

    public string Dimension { get; init; } = "";

    public bool Matches(string dimension) =>
        Dimension.Length == 0 ? dimension.Length == 0
        : Dimension.Contains(':') ? dimension == Dimension
        : dimension.StartsWith(Dimension + ":", StringComparison.Ordinal);
}

/// <summary>One period of one dimension value (empty = tenant total).</summary>
public sealed record KpiPoint(DateTimeOffset PeriodStart, string Dimension, KpiFigures Figures);

/// <summary>What an analytics shard has consumed: orders known, events applied, duplicates dropped, snapshot reads.</summary>
public sealed record AnalyticsProgress(int Orders, long EventsApplied, long DuplicatesDropped, long SnapshotReads, long LastSequenceSum);
