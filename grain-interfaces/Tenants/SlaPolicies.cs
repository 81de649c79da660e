using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.GrainInterfaces.Tenants;

/// <summary>
/// One SLA: a deadline of kind <see cref="Kind"/> starts when an order enters <see cref="StartState"/> and is met
/// when it enters one of <see cref="MetStates"/> within <see cref="Within"/>. A rule applies to the priorities and
/// channels it lists (all when empty); for each kind the first applicable rule wins, so list specific rules first.
/// </summary>
public sealed record SlaRule
{
    public required string Kind { get; init; }

    public required string StartState { get; init; }

    public ImmutableArray<string> MetStates { get; init; } = [];

    public TimeSpan Within { get; init; }

    public ImmutableArray<OrderPriority> Priorities { get; init; } = [];

    public ImmutableArray<ChannelKind> Channels { get; init; } = [];
}

/// <summary>
/// A tenant's SLA policy. A warning is raised at <see cref="WarningFraction"/> of each deadline (default 0.8); a
/// breach escalates the order one priority level and requests a notification to <see cref="NotifyRole"/> when
/// <see cref="EscalateOnBreach"/> (default true). Publishing creates a new <see cref="Version"/>; an order keeps
/// the version it was created with.
/// </summary>
public sealed record SlaPolicy
{
    public int Version { get; init; }

    public double WarningFraction { get; init; } = 0.8;

    public bool EscalateOnBreach { get; init; } = true;

    public string NotifyRole { get; init; } = OrderRoles.OrderManager;

    public ImmutableArray<SlaRule> Rules { get; init; } = [];

    public Actor? PublishedBy { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }
}

public sealed record PublishSlaPolicy
{
    public required Actor Actor { get; init; }

    public int? ExpectedVersion { get; init; }

    public required SlaPolicy Policy { get; init; }
}

/// <summary>A tenant's SLA policies, keyed <c>{tenant}</c>; version 1 is the built-in default until the tenant publishes its own.</summary>
public interface ISlaPoliciesGrain : IGrainWithStringKey
{
    Task<SlaPolicy> PublishAsync(PublishSlaPolicy command);

    [ReadOnly]
    Task<SlaPolicy> GetCurrentAsync();

    [ReadOnly]
    Task<SlaPolicy> GetVersionAsync(int version);
}

public enum SlaOutcome
{
    Met,
    Breached,
}

/// <summary>The final outcome of one deadline, reported once (at least once, deduplicated by <see cref="OutcomeId"/>).</summary>
public sealed record SlaOutcomeReport
{
    /// <summary><c>{orderId}/{deadlineId}</c>.</summary>
    public required string OutcomeId { get; init; }

    public required string OrderId { get; init; }

    public required string Kind { get; init; }

    public SlaOutcome Outcome { get; init; }

    public DateTimeOffset DueAt { get; init; }

    /// <summary>When it was met, or the deadline when breached.</summary>
    public DateTimeOffset At { get; init; }
}

/// <summary>Compliance of one SLA kind: <c>Met / (Met + Breached)</c> as a percentage (null before any outcome).</summary>
public sealed record SlaKindCompliance
{
    public required string Kind { get; init; }

    public int Met { get; init; }

    public int Breached { get; init; }

    public decimal? CompliancePercent { get; init; }
}

public sealed record SlaComplianceReport
{
    public required string TenantId { get; init; }

    public ImmutableArray<SlaKindCompliance> Kinds { get; init; } = [];

    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>
/// A tenant's SLA compliance figures, keyed <c>{tenant}</c>, updated by order grains as deadlines end. A report
/// sent twice (a retry after a crash) counts once: recent outcome ids are remembered.
/// </summary>
public interface ISlaReportGrain : IGrainWithStringKey
{
    Task RecordAsync(SlaOutcomeReport report);

    [ReadOnly]
    Task<SlaComplianceReport> GetAsync();
}
