using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Drafts;

/// <summary>A draft's persisted state: where the user is, what each saved step holds, and what submitting created.</summary>
public sealed record OrderDraftState
{
    public int SchemaVersion { get; init; } = 1;

    public long Version { get; init; }

    public DraftStatus Status { get; init; }

    public DraftStep CurrentStep { get; init; }

    public ImmutableArray<DraftStep> Completed { get; init; } = [];

    public string? TemplateId { get; init; }

    public SalesChannel? Channel { get; init; }

    public string Currency { get; init; } = "";

    public CustomerRef? Customer { get; init; }

    public ImmutableArray<NewOrderLine> Lines { get; init; } = [];

    public Address? ShippingAddress { get; init; }

    public Address? BillingAddress { get; init; }

    public ShippingSelection? Shipping { get; init; }

    public OrderPriority Priority { get; init; } = OrderPriority.Normal;

    public ImmutableArray<string> Tags { get; init; } = [];

    public ImmutableSortedDictionary<string, CustomFieldValue> CustomFields { get; init; } = ImmutableSortedDictionary<string, CustomFieldValue>.Empty;

    public string? Note { get; init; }

    public DraftReview? Review { get; init; }

    /// <summary>Reserved when submitting starts, so a retried submit creates the same order.</summary>
    public string? OrderId { get; init; }

    public OrderCommandResult? SubmitResult { get; init; }

    public Actor? StartedBy { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The content hash of the start request: the same start again returns the draft.</summary>
    public string? StartHash { get; init; }
}
