namespace OrderCluster.GrainInterfaces.Customers;

/// <summary>A customer's risk level, used by approval rules (<c>customer risk at least ...</c>).</summary>
public enum CustomerRiskLevel
{
    Low,
    Normal,
    High,
    Blocked,
}

/// <summary>
/// A customer's profile. <see cref="DefaultShippingAddress"/> and <see cref="DefaultBillingAddress"/> are indexes
/// into <see cref="Addresses"/>; the order draft prefills from them.
/// </summary>
public sealed record CustomerProfile
{
    public required string Name { get; init; }

    public ImmutableArray<string> Emails { get; init; } = [];

    public ImmutableArray<string> Phones { get; init; } = [];

    public ImmutableArray<Address> Addresses { get; init; } = [];

    public int? DefaultShippingAddress { get; init; }

    public int? DefaultBillingAddress { get; init; }

    public CustomerRiskLevel RiskLevel { get; init; } = CustomerRiskLevel.Normal;
}

/// <summary>One order in a customer's history index, kept current by the order grain.</summary>
public sealed record CustomerOrderEntry
{
    public required string OrderId { get; init; }

    public required string Status { get; init; }

    public required Money Total { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The order version this entry reflects: an older update never replaces a newer one.</summary>
    public long OrderVersion { get; init; }

    /// <summary>Cancelled or rejected orders count in <see cref="CustomerLifetime.OrderCount"/> but not in the value.</summary>
    public bool Cancelled { get; init; }
}

/// <summary>Lifetime figures: orders placed, and the value of orders not cancelled, per currency.</summary>
public sealed record CustomerLifetime
{
    public int OrderCount { get; init; }

    public int CancelledCount { get; init; }

    public ImmutableArray<Money> TotalValue { get; init; } = [];

    public DateTimeOffset? FirstOrderAt { get; init; }

    public DateTimeOffset? LastOrderAt { get; init; }
}

/// <summary>
/// A customer. <see cref="Registered"/> is false for a customer known only from orders an integration created
/// (no profile yet): such a customer has the default risk level and no thresholds.
/// </summary>
public sealed record CustomerSnapshot
{
    public required string TenantId { get; init; }

    public required string CustomerId { get; init; }

    public long Version { get; init; }

    public bool Registered { get; init; }

    public CustomerProfile? Profile { get; init; }

    /// <summary>Per-currency approval thresholds: an order above its currency's threshold needs approval (workflow rule <c>exceeds-customer-threshold</c>).</summary>
    public ImmutableArray<Money> ApprovalThresholds { get; init; } = [];

    public required CustomerLifetime Lifetime { get; init; }
}

/// <summary>What the workflow's approval rules read about a customer.</summary>
public sealed record CustomerApprovalProfile
{
    public bool Registered { get; init; }

    public CustomerRiskLevel RiskLevel { get; init; } = CustomerRiskLevel.Normal;

    public ImmutableArray<Money> ApprovalThresholds { get; init; } = [];

    public static CustomerApprovalProfile Unknown { get; } = new();
}

public sealed record SaveCustomerProfile
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public required CustomerProfile Profile { get; init; }
}

public sealed record SetApprovalThresholds
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    /// <summary>At most one per currency; an empty list removes them.</summary>
    public ImmutableArray<Money> Thresholds { get; init; } = [];
}
