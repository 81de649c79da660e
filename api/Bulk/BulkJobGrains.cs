using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Bulk;

public enum BulkOperation
{
    AddTags,
    RemoveTags,
    ChangePriority,

    /// <summary>A workflow action by name (cancel, hold, allocate, ...).</summary>
    Action,

    /// <summary>Assigns each order to <see cref="BulkJobSpec.Assignee"/> (null: unassigns them).</summary>
    Assign,

    /// <summary>Archives each order (only orders in a final state; <see cref="BulkJobSpec.Reason"/> optional).</summary>
    Archive,
}

public enum BulkJobStatus
{
    Running,
    Completed,
}

/// <summary>What a bulk job does to each order.</summary>
public sealed record BulkJobSpec
{
    public required BulkOperation Operation { get; init; }

    public ImmutableArray<string> OrderIds { get; init; } = [];

    public ImmutableArray<string> Tags { get; init; } = [];

    public string? Action { get; init; }

    public string? Reason { get; init; }

    public OrderPriority? Priority { get; init; }

    public string? Assignee { get; init; }

    public required Actor Actor { get; init; }
}

/// <summary>One order's outcome: its new version, or the refusal's code and reason.</summary>
public sealed record BulkItemResult(int Index, string OrderId, bool Succeeded, long? Version, string? ErrorCode, string? Error);

public sealed record BulkJob
{
    public required string JobId { get; init; }

    public required BulkOperation Operation { get; init; }

    public BulkJobStatus Status { get; init; }

    public int Total { get; init; }

    public int Processed { get; init; }

    public int Succeeded { get; init; }

    public int Failed { get; init; }

    public ImmutableArray<BulkItemResult> Results { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>
/// A bulk job, keyed <c>{tenant}/{jobId}</c>: a durable timer works through the orders a slice at a time, so the job
/// survives silo restarts and moves with its grain; each item is sent with the idempotency key <c>bulk:{jobId}:{index}</c>,
/// so a slice delivered twice changes nothing twice. One refused item is recorded and the others go on.
/// </summary>
public interface IBulkJobGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Starts the job (idempotent: a started job is returned as it is).</summary>
    Task<BulkJob> StartAsync(BulkJobSpec spec);

    [ReadOnly]
    Task<BulkJob?> GetAsync();
}
