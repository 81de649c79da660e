namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// An order as it is now. <see cref="Version"/> is its ETag. Notes and communications are paged separately
/// (<see cref="IOrderGrain.GetNotesAsync"/>); their counts are here.
/// </summary>
public sealed record OrderSnapshot
{
    public required string TenantId { get; init; }

    public required string OrderId { get; init; }

    public long Version { get; init; }

    public required string Status { get; init; }

    /// <summary>The status an order on hold resumes to.</summary>
    public string? HeldFromStatus { get; init; }

    /// <summary>The workflow definition version the order started with (and keeps).</summary>
    public int WorkflowVersion { get; init; }

    public OrderPriority Priority { get; init; }

    /// <summary>The user id the order is assigned to; null when nobody is.</summary>
    public string? Assignee { get; init; }

    /// <summary>Returns and refunds in short (return ids, units returned, amount refunded); null before the first return or refund.</summary>
    public OrderAfterSalesSummary? AfterSales { get; init; }

    public required CustomerRef Customer { get; init; }

    public required SalesChannel Channel { get; init; }

    public string? ClientReference { get; init; }

    public required string Currency { get; init; }

    public ImmutableArray<OrderLine> Lines { get; init; } = [];

    public required Address ShippingAddress { get; init; }

    /// <summary>Null: billed to the shipping address.</summary>
    public Address? BillingAddress { get; init; }

    public required ShippingSelection Shipping { get; init; }

    public required OrderTotals Totals { get; init; }

    public ImmutableSortedDictionary<string, CustomFieldValue> CustomFields { get; init; } = ImmutableSortedDictionary<string, CustomFieldValue>.Empty;

    public ImmutableArray<string> Tags { get; init; } = [];

    public ApprovalProcess? Approval { get; init; }

    public ImmutableArray<SlaDeadline> Sla { get; init; } = [];

    public ImmutableArray<AttachmentInfo> Attachments { get; init; } = [];

    /// <summary>Allocation and shipments as the fulfilment grain last reported them; null before allocation.</summary>
    public OrderFulfilmentSummary? Fulfilment { get; init; }

    /// <summary>Orders this one was split from or into, merged from or into.</summary>
    public ImmutableArray<OrderLink> Links { get; init; } = [];

    /// <summary>When the order was archived; null while it is not.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    public int NoteCount { get; init; }

    public int CommunicationCount { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required Actor CreatedBy { get; init; }

    /// <summary>Where the order was imported from (migration import); null for orders created here.</summary>
    public Imports.ImportSource? Import { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The sequence number of the order's latest event.</summary>
    public long LastEventSequence { get; init; }
}

/// <summary>An action the order's workflow allows in its current status, and whether the asking actor may perform it.</summary>
public sealed record AvailableAction
{
    public required string Action { get; init; }

    /// <summary>Where it leads; null for actions whose target depends on the order (approve, resume).</summary>
    public string? TargetStatus { get; init; }

    public ImmutableArray<string> Roles { get; init; } = [];

    public bool Permitted { get; init; }
}
