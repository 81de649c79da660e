namespace OrderCluster.Api.Idempotency;

/// <summary>A response kept for replay: status, the headers a client acts on, and the body.</summary>
public sealed record StoredResponse
{
    public int Status { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public byte[] Body { get; init; } = [];
}

public enum IdempotencyOutcome
{
    /// <summary>This request holds the key now: run it, then complete or abandon.</summary>
    Started,

    /// <summary>The same request finished before: answer with its stored response.</summary>
    Replay,

    /// <summary>The same request is running right now (409).</summary>
    InProgress,

    /// <summary>The key was used with a different request (422).</summary>
    Mismatch,
}

public sealed record IdempotencyBegin(string RequestHash, string LeaseId, DateTimeOffset Now, TimeSpan Lease, TimeSpan Retention);

public sealed record IdempotencyDecision(IdempotencyOutcome Outcome, StoredResponse? Response = null);

/// <summary>
/// One <c>Idempotency-Key</c> of one tenant, keyed <c>{tenant}/{sha256(key)}</c>: the hash of the first request, whether
/// it is running (a lease) and its response once done, kept for the retention (at least 24 h) and then deleted by a
/// durable timer. Turn-based, so any number of concurrent retries see exactly one winner.
/// </summary>
public interface IIdempotencyKeyGrain : IGrainWithStringKey, IRemindable
{
    Task<IdempotencyDecision> BeginAsync(IdempotencyBegin request);

    /// <summary>Stores the response of the request holding <paramref name="leaseId"/>; false when the lease was taken over.</summary>
    Task<bool> CompleteAsync(string leaseId, StoredResponse response, DateTimeOffset now, TimeSpan retention);

    /// <summary>Forgets a request that failed without an answer worth keeping (a 5xx), so a retry runs it again.</summary>
    Task AbandonAsync(string leaseId);
}
