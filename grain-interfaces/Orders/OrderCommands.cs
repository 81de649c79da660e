namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// Creates an order in one call (integrations). With <see cref="Place"/> (the default) the order is placed at
/// once: approval rules are evaluated and SLA deadlines start. Creating is idempotent: the same request again
/// returns the first result; through <see cref="IClientReferenceGrain"/> it is idempotent per client reference.
/// </summary>
public sealed record CreateOrder : IOrderCommand
{
    public required Actor Actor { get; init; }

    /// <summary>Only null or 0 (create if absent) make sense here.</summary>
    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required CustomerRef Customer { get; init; }

    public required SalesChannel Channel { get; init; }

    /// <summary>ISO 4217 code of every amount in the order.</summary>
    public required string Currency { get; init; }

    public ImmutableArray<NewOrderLine> Lines { get; init; } = [];

    public required Address ShippingAddress { get; init; }

    /// <summary>Null: the same as the shipping address.</summary>
    public Address? BillingAddress { get; init; }

    public required ShippingSelection Shipping { get; init; }

    /// <summary>Validated against the tenant's current custom-field schema; defaults fill fields left out.</summary>
    public ImmutableSortedDictionary<string, CustomFieldValue> CustomFields { get; init; } = ImmutableSortedDictionary<string, CustomFieldValue>.Empty;

    public ImmutableArray<string> Tags { get; init; } = [];

    public OrderPriority Priority { get; init; } = OrderPriority.Normal;

    /// <summary>The caller's own id of the order (e.g. a marketplace order number).</summary>
    public string? ClientReference { get; init; }

    /// <summary>Place the order at once (default); false leaves it in the workflow's initial state (draft).</summary>
    public bool Place { get; init; } = true;

    /// <summary>An optional first note.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// Performs a named workflow action (<c>place</c>, <c>allocate</c>, <c>ship</c>, <c>cancel</c>, <c>hold</c>,
/// <c>resume</c>, ...; <c>approve</c> and <c>reject</c> route to their own commands). An action the current
/// state does not allow is refused with the allowed ones.
/// </summary>
public sealed record PerformOrderAction : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string Action { get; init; }

    public string? Reason { get; init; }
}

/// <summary>Approves the current approval level. The actor needs the level's role and may approve only one level of an order.</summary>
public sealed record ApproveOrder : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>The level the approver means to approve; checked against the current one when given.</summary>
    public string? Level { get; init; }

    public string? Comment { get; init; }
}

/// <summary>Rejects the order at its current approval level (reason required); it moves to the workflow's rejected state.</summary>
public sealed record RejectOrder : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string Reason { get; init; }
}
