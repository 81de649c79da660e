using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.GrainInterfaces.Tenants;

/// <summary>A reusable order (standing orders, common bundles): a draft started from it is prefilled.</summary>
public sealed record OrderTemplate
{
    public required string TemplateId { get; init; }

    public required string Name { get; init; }

    public SalesChannel? Channel { get; init; }

    public required string Currency { get; init; }

    public ImmutableArray<NewOrderLine> Lines { get; init; } = [];

    public ShippingSelection? Shipping { get; init; }

    public OrderPriority Priority { get; init; } = OrderPriority.Normal;

    public ImmutableArray<string> Tags { get; init; } = [];

    public ImmutableSortedDictionary<string, CustomFieldValue> CustomFields { get; init; } = ImmutableSortedDictionary<string, CustomFieldValue>.Empty;

    public Actor? UpdatedBy { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record SaveOrderTemplate
{
    public required Actor Actor { get; init; }

    public required OrderTemplate Template { get; init; }
}

public sealed record RemoveOrderTemplate
{
    public required Actor Actor { get; init; }

    public required string TemplateId { get; init; }
}

/// <summary>A tenant's order templates, keyed <c>{tenant}</c>.</summary>
public interface IOrderTemplatesGrain : IGrainWithStringKey
{
    Task<OrderTemplate> SaveAsync(SaveOrderTemplate command);

    Task RemoveAsync(RemoveOrderTemplate command);

    [ReadOnly]
    Task<OrderTemplate> GetAsync(string templateId);

    [ReadOnly]
    Task<ImmutableArray<OrderTemplate>> ListAsync();
}
