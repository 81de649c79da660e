namespace OrderCluster.GrainInterfaces.Returns;

public enum ReturnStatus
{
    Requested,
    Approved,
    Rejected,
    Received,
}

/// <summary>What happens to a returned unit: back on the shelf, or written off (its cost becomes a loss).</summary>
public enum ReturnDisposition
{
    Restock,
    WriteOff,
}

public sealed record ReturnLineRequest(string LineId, int Quantity, string Reason);

/// <summary>A replacement the customer gets instead of money: a new order of these SKUs at no charge, created when the return is received.</summary>
public sealed record ExchangeLine(string Sku, int Quantity);

public sealed record ReceivedLine(string LineId, int Quantity, ReturnDisposition Disposition);

public sealed record ReturnLine
{
    public required string LineId { get; init; }

    public required string Sku { get; init; }

    public int Quantity { get; init; }

    public required string Reason { get; init; }

    public int Restocked { get; init; }

    public int WrittenOff { get; init; }

    /// <summary>The warehouse the units were shipped from (and go back to when restocked).</summary>
    public string? WarehouseId { get; init; }
}

public sealed record ReturnRequest
{
    public required string ReturnId { get; init; }

    public ReturnStatus Status { get; init; }

    public ImmutableArray<ReturnLine> Lines { get; init; } = [];

    public ImmutableArray<ExchangeLine> Exchange { get; init; } = [];

    public string? ExchangeOrderId { get; init; }

    public string? DecisionReason { get; init; }

    public required Actor RequestedBy { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public Actor? DecidedBy { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The cost of units written off (their allocation cost), a loss against the order's margin.</summary>
    public Money? WriteOffCost { get; init; }
}

public enum RefundStatus
{
    PendingApproval,
    Refunded,
    Rejected,
}

public sealed record Refund
{
    public required string RefundId { get; init; }

    public required Money Amount { get; init; }

    public required string Reason { get; init; }

    public string? ReturnId { get; init; }

    public RefundStatus Status { get; init; }

    public required Actor RequestedBy { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public Actor? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Why it needs approval (above the threshold), when it does.</summary>
    public string? ApprovalReason { get; init; }
}

/// <summary>One entry of the after-sales history: who did what, when.</summary>
public sealed record AfterSalesEntry(long Sequence, DateTimeOffset At, string ActorId, string Action, string Detail);

public sealed record AfterSalesSnapshot
{
    public required string TenantId { get; init; }

    public required string OrderId { get; init; }

    public long Version { get; init; }

    public ImmutableArray<ReturnRequest> Returns { get; init; } = [];

    public ImmutableArray<Refund> Refunds { get; init; } = [];

    /// <summary>Refunded so far (approved refunds).</summary>
    public required Money Refunded { get; init; }

    /// <summary>What may still be refunded: the order total less refunds refunded or waiting for approval.</summary>
    public required Money Refundable { get; init; }

    public ImmutableArray<AfterSalesEntry> History { get; init; } = [];
}

/// <summary>
/// A tenant's refund policy: refunds above <see cref="ApprovalThreshold"/> (in the order's currency) wait for an
/// approver with <see cref="ApproverRole"/>; the total refunded never exceeds the order's total.
/// </summary>
public sealed record RefundPolicy
{
    public int Version { get; init; }

    public decimal ApprovalThreshold { get; init; } = 100m;

    public string ApproverRole { get; init; } = "finance";

    public Actor? PublishedBy { get; init; }
}

/// <summary>Commands carry the after-sales version the caller read (If-Match); a stale one is refused inside the grain's turn.</summary>
public sealed record RequestReturn(Actor Actor, ImmutableArray<ReturnLineRequest> Lines, ImmutableArray<ExchangeLine> Exchange = default, long? ExpectedVersion = null);

public sealed record DecideReturn(Actor Actor, string ReturnId, bool Approve, string? Reason = null, long? ExpectedVersion = null);

public sealed record ReceiveReturn(Actor Actor, string ReturnId, ImmutableArray<ReceivedLine> Lines, long? ExpectedVersion = null);

/// <summary>A refund of <see cref="Amount"/>, or of everything still refundable when null (a full refund).</summary>
public sealed record RequestRefund(Actor Actor, decimal? Amount, string Reason, string? ReturnId = null, long? ExpectedVersion = null);

public sealed record DecideRefund(Actor Actor, string RefundId, bool Approve, string? Reason = null, long? ExpectedVersion = null);

/// <summary>Publishes a new version; with <see cref="ExpectedVersion"/>, only if the current version is still that one (else a version conflict).</summary>
public sealed record PublishRefundPolicy(Actor Actor, RefundPolicy Policy, int? ExpectedVersion = null);
