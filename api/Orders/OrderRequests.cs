using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders;

/// <summary>Creates (and by default places) an order. Amounts are decimals in <see cref="Currency"/> (ISO 4217).</summary>
public sealed record CreateOrderRequest
{
    public required CustomerRef Customer { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string Currency { get; init; }

    public ImmutableArray<NewOrderLine> Lines { get; init; } = [];

    public required Address ShippingAddress { get; init; }

    public Address? BillingAddress { get; init; }

    public required ShippingSelection Shipping { get; init; }

    public ImmutableSortedDictionary<string, CustomFieldValue>? CustomFields { get; init; }

    public ImmutableArray<string> Tags { get; init; } = [];

    public OrderPriority Priority { get; init; } = OrderPriority.Normal;

    /// <summary>Your own id of the order: creating is idempotent per client reference.</summary>
    public string? ClientReference { get; init; }

    /// <summary>Place at once (default); false leaves a draft-status order.</summary>
    public bool Place { get; init; } = true;

    public string? Note { get; init; }
}

/// <summary>A workflow action (place, allocate, cancel, hold, resume, ...). <see cref="ExpectedVersion"/> is an alternative to If-Match.</summary>
public sealed record OrderActionRequest
{
    public string? Reason { get; init; }

    public long? ExpectedVersion { get; init; }
}

public sealed record ApproveRequest
{
    public string? Level { get; init; }

    public string? Comment { get; init; }

    public long? ExpectedVersion { get; init; }
}

/// <summary>Assigns the order to a user id; a null or absent <see cref="Assignee"/> unassigns it.</summary>
public sealed record AssignRequest
{
    public string? Assignee { get; init; }

    public string? Reason { get; init; }

    public long? ExpectedVersion { get; init; }
}

public sealed record RejectRequest
{
    public required string Reason { get; init; }

    public long? ExpectedVersion { get; init; }
}

public sealed record ChangeLinesRequest
{
    public ImmutableArray<NewOrderLine> Add { get; init; } = [];

    public ImmutableArray<LineUpdate> Update { get; init; } = [];

    public ImmutableArray<string> Remove { get; init; } = [];

    public long? ExpectedVersion { get; init; }
}

public sealed record ChangeFulfilmentRequest
{
    public Address? ShippingAddress { get; init; }

    public Address? BillingAddress { get; init; }

    public bool BillingSameAsShipping { get; init; }

    public ShippingSelection? Shipping { get; init; }

    public long? ExpectedVersion { get; init; }
}

public sealed record SetCustomFieldsRequest
{
    /// <summary>A null value removes the field.</summary>
    public ImmutableSortedDictionary<string, CustomFieldValue?> Values { get; init; } = ImmutableSortedDictionary<string, CustomFieldValue?>.Empty;

    public long? ExpectedVersion { get; init; }
}

public sealed record ChangePriorityRequest
{
    public required OrderPriority Priority { get; init; }

    public string? Reason { get; init; }

    public long? ExpectedVersion { get; init; }
}

public sealed record ChangeTagsRequest
{
    public ImmutableArray<string> Add { get; init; } = [];

    public ImmutableArray<string> Remove { get; init; } = [];

    public long? ExpectedVersion { get; init; }
}

public sealed record AddNoteRequest
{
    public required string Text { get; init; }

    public NoteVisibility Visibility { get; init; } = NoteVisibility.Internal;

    public long? ExpectedVersion { get; init; }
}

public sealed record EditNoteRequest
{
    public required string Text { get; init; }

    public NoteVisibility? Visibility { get; init; }

    public long? ExpectedVersion { get; init; }
}

public sealed record LogCommunicationRequest
{
    public CommunicationKind Kind { get; init; }

    public CommunicationDirection Direction { get; init; }

    public required string Party { get; init; }

    public string? Subject { get; init; }

    public required string Summary { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    public long? ExpectedVersion { get; init; }
}

public sealed record RemoveAttachmentRequest
{
    public string? Reason { get; init; }

    public long? ExpectedVersion { get; init; }
}
