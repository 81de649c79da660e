namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// What every mutating order command carries: who acts, the version the caller based the command on
/// (optimistic concurrency: a stale version is refused with the current one, mapping onto If-Match), and an
/// optional idempotency key (a retry with the same key and body returns the first result; the same key with
/// another body is refused). Keys are kept with the order, committed with the change, for
/// <c>Orders:IdempotencyRetention</c> (24 h by default).
/// </summary>
public interface IOrderCommand
{
    Actor Actor { get; }

    long? ExpectedVersion { get; }

    string? IdempotencyKey { get; }
}

/// <summary>The outcome of a command: the order's new version (its ETag) and status, and the id of what it created, if anything.</summary>
public sealed record OrderCommandResult
{
    public required string TenantId { get; init; }

    public required string OrderId { get; init; }

    public long Version { get; init; }

    public required string Status { get; init; }

    public OrderPriority Priority { get; init; }

    /// <summary>The id of the note, communication, attachment or line the command created.</summary>
    public string? CreatedId { get; init; }

    /// <summary>True when this is the stored result of an earlier identical request (an idempotent retry), or the command changed nothing.</summary>
    public bool Replayed { get; init; }
}
