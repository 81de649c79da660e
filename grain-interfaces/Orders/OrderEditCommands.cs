namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>A change to an existing line; null members stay as they are.</summary>
public sealed record LineUpdate
{
    public required string LineId { get; init; }

    public string? Name { get; init; }

    public int? Quantity { get; init; }

    public decimal? UnitPrice { get; init; }

    public decimal? Discount { get; init; }

    public decimal? UnitCost { get; init; }
}

/// <summary>
/// Adds, updates and removes lines in one change (allowed while the workflow lists the status as editable).
/// An edit after approval was requested restarts approval on the new content.
/// </summary>
public sealed record ChangeOrderLines : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public ImmutableArray<NewOrderLine> Add { get; init; } = [];

    public ImmutableArray<LineUpdate> Update { get; init; } = [];

    public ImmutableArray<string> Remove { get; init; } = [];
}

/// <summary>Changes addresses and shipping; null members stay as they are.</summary>
public sealed record ChangeFulfilment : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public Address? ShippingAddress { get; init; }

    public Address? BillingAddress { get; init; }

    /// <summary>True: drop the separate billing address (bill to the shipping address).</summary>
    public bool BillingSameAsShipping { get; init; }

    public ShippingSelection? Shipping { get; init; }
}

/// <summary>
/// Sets custom fields (a null value removes one). The written values are validated against the tenant's current
/// schema, and every field the schema requires must have a value afterwards.
/// </summary>
public sealed record SetCustomFields : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public ImmutableSortedDictionary<string, CustomFieldValue?> Values { get; init; } = ImmutableSortedDictionary<string, CustomFieldValue?>.Empty;
}

/// <summary>Changes the priority; running SLA deadlines are recomputed for it.</summary>
public sealed record ChangePriority : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required OrderPriority Priority { get; init; }

    public string? Reason { get; init; }
}

/// <summary>Adds and removes tags. Tags are normalized (trimmed, lower case, inner spaces as '-').</summary>
public sealed record ChangeTags : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public ImmutableArray<string> Add { get; init; } = [];

    public ImmutableArray<string> Remove { get; init; } = [];
}
