using System.Text.Json.Serialization;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Orders;

/// <summary>
/// The persisted order: an immutable record replaced whole by each change, so a command that fails half-way
/// leaves nothing behind and the audit diff compares two complete versions. Events and audit entries are committed
/// in the same document as the state they describe (the outbox). Readers are tolerant: members added later have
/// defaults, and <see cref="SchemaVersion"/> tells an upgrade which shape it reads.
/// </summary>
public sealed record OrderState
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public string TenantId { get; init; } = "";

    public string OrderId { get; init; } = "";

    /// <summary>0 until created; +1 per change (each change has one audit entry with this number).</summary>
    public long Version { get; init; }

    /// <summary>The hash of the creating request, so that a retried create returns <see cref="CreationResult"/>.</summary>
    public string? CreateRequestHash { get; init; }

    public OrderCommandResult? CreationResult { get; init; }

    public int WorkflowVersion { get; init; }

    public int SlaPolicyVersion { get; init; }

    /// <summary>The custom-field schema version the order's custom fields were last validated against.</summary>
    public int CustomFieldSchemaVersion { get; init; }

    public string Status { get; init; } = "";

    public string? HeldFrom { get; init; }

    public CustomerRef? Customer { get; init; }

    public SalesChannel? Channel { get; init; }

    public string Currency { get; init; } = "";

    public string? ClientReference { get; init; }

    public ImmutableArray<OrderLine> Lines { get; init; } = [];

    public int LinesIssued { get; init; }

    public Address? ShippingAddress { get; init; }

    public Address? BillingAddress { get; init; }

    public ShippingSelection? Shipping { get; init; }

    public ImmutableSortedDictionary<string, CustomFieldValue> CustomFields { get; init; } = ImmutableSortedDictionary<string, CustomFieldValue>.Empty;

    public ImmutableArray<string> Tags { get; init; } = [];

    public OrderPriority Priority { get; init; } = OrderPriority.Normal;

    /// <summary>The user id the order is assigned to; null when nobody is.</summary>
    public string? Assignee { get; init; }

    /// <summary>Returns and refunds as the returns grain last reported them; null before the first.</summary>
    public OrderAfterSalesSummary? AfterSales { get; init; }

    public ApprovalProcess? Approval { get; init; }

    public ImmutableArray<SlaDeadline> Sla { get; init; } = [];

    public int SlaIssued { get; init; }

    public ImmutableList<Note> Notes { get; init; } = [];

    public ImmutableList<CommunicationEntry> Communications { get; init; } = [];

    public ImmutableArray<AttachmentInfo> Attachments { get; init; } = [];

    public int AttachmentsIssued { get; init; }

    public ImmutableList<OrderEvent> Events { get; init; } = [];

    public ImmutableList<AuditEntry> Audit { get; init; } = [];

    public ImmutableList<IdempotencyRecord> IdempotencyKeys { get; init; } = [];

    /// <summary>The customer-index update not yet acknowledged by the customer grain (sent again on activation).</summary>
    public CustomerOrderEntry? PendingCustomerUpdate { get; init; }

    /// <summary>SLA outcomes not yet acknowledged by the tenant's report grain (sent again on activation).</summary>
    public ImmutableArray<SlaOutcomeReport> PendingSlaReports { get; init; } = [];

    /// <summary>The fulfilment grain's latest summary (null before allocation).</summary>
    public OrderFulfilmentSummary? Fulfilment { get; init; }

    public ImmutableArray<OrderLink> Links { get; init; } = [];

    /// <summary>When the order was archived (null: not archived).</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Actor? CreatedBy { get; init; }

    /// <summary>Where the order was imported from; null for orders created here.</summary>
    public GrainInterfaces.Imports.ImportSource? Import { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore]
    public bool Exists => Version > 0;

    [JsonIgnore]
    public long LastEventSequence => Events.IsEmpty ? 0 : Events[^1].Sequence;
}

/// <summary>A processed idempotency key: the request's hash and the result a retry gets.</summary>
public sealed record IdempotencyRecord
{
    public required string Key { get; init; }

    public required string RequestHash { get; init; }

    public required OrderCommandResult Result { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}
