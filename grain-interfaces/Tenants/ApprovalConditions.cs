using System.Text.Json.Serialization;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.GrainInterfaces.Tenants;

/// <summary>
/// A condition over an order that an approval rule tests. Conditions combine with <see cref="AllOf"/>,
/// <see cref="AnyOf"/> and <see cref="NoneOf"/>. The "type" discriminator may come anywhere in the object (PostgreSQL's
/// jsonb reorders keys): the runtime's serializer options and <c>GrainInterfacesJsonContext</c> allow it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TotalAbove), "total-above")]
[JsonDerivedType(typeof(ChannelIn), "channel-in")]
[JsonDerivedType(typeof(CustomerRiskAtLeast), "customer-risk-at-least")]
[JsonDerivedType(typeof(DiscountAbove), "discount-above")]
[JsonDerivedType(typeof(CustomFieldMatches), "custom-field")]
[JsonDerivedType(typeof(ExceedsCustomerThreshold), "exceeds-customer-threshold")]
[JsonDerivedType(typeof(AllOf), "all-of")]
[JsonDerivedType(typeof(AnyOf), "any-of")]
[JsonDerivedType(typeof(NoneOf), "none-of")]
public abstract record ApprovalCondition;

/// <summary>The order total is above <see cref="Amount"/>; in <see cref="Currency"/> only, or in any currency when null.</summary>
public sealed record TotalAbove : ApprovalCondition
{
    public decimal Amount { get; init; }

    public string? Currency { get; init; }
}

/// <summary>The order came through one of <see cref="Channels"/> (and, when listed, one of <see cref="Marketplaces"/>).</summary>
public sealed record ChannelIn : ApprovalCondition
{
    public ImmutableArray<ChannelKind> Channels { get; init; } = [];

    public ImmutableArray<string> Marketplaces { get; init; } = [];
}

/// <summary>The customer's risk level is <see cref="Level"/> or higher.</summary>
public sealed record CustomerRiskAtLeast : ApprovalCondition
{
    public CustomerRiskLevel Level { get; init; } = CustomerRiskLevel.High;
}

/// <summary>The discounts are more than <see cref="Percent"/> of the subtotal.</summary>
public sealed record DiscountAbove : ApprovalCondition
{
    public decimal Percent { get; init; }
}

public enum CustomFieldComparison
{
    Equal,
    NotEqual,
    GreaterThan,
    LessThan,
    IsSet,
    IsNotSet,
}

/// <summary>A custom field compared with <see cref="Value"/> (numbers and dates by value, text ordinally).</summary>
public sealed record CustomFieldMatches : ApprovalCondition
{
    public required string Field { get; init; }

    public CustomFieldComparison Comparison { get; init; } = CustomFieldComparison.Equal;

    public CustomFieldValue? Value { get; init; }
}

/// <summary>The order total is above the customer's own approval threshold in the order's currency.</summary>
public sealed record ExceedsCustomerThreshold : ApprovalCondition;

public sealed record AllOf : ApprovalCondition
{
    public ImmutableArray<ApprovalCondition> Conditions { get; init; } = [];
}

public sealed record AnyOf : ApprovalCondition
{
    public ImmutableArray<ApprovalCondition> Conditions { get; init; } = [];
}

/// <summary>True when none of <see cref="Conditions"/> holds (with one condition: its negation).</summary>
public sealed record NoneOf : ApprovalCondition
{
    public ImmutableArray<ApprovalCondition> Conditions { get; init; } = [];
}
