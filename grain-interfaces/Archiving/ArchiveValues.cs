namespace OrderCluster.GrainInterfaces.Archiving;

/// <summary>An order that has been in one of <see cref="Statuses"/> for <see cref="After"/> is archived.</summary>
public sealed record ArchiveRule(ImmutableArray<string> Statuses, TimeSpan After);

/// <summary>A tenant's archive rules; the first rule naming an order's status applies. Default: closed or cancelled for 90 days.</summary>
public sealed record ArchiveRules
{
    public int Version { get; init; }

    public ImmutableArray<ArchiveRule> Rules { get; init; } = [];

    public Actor? PublishedBy { get; init; }

    public ArchiveRule? For(string status) => Rules.FirstOrDefault(r => r.Statuses.Contains(status));
}

/// <summary>Publishes a new version; with <see cref="ExpectedVersion"/>, only if the current version is still that one (else a version conflict).</summary>
public sealed record PublishArchiveRules(Actor Actor, ImmutableArray<ArchiveRule> Rules, int? ExpectedVersion = null);

/// <summary>An archived order as the archive search (<c>GET /api/v1/archive</c>) lists it, from the order search read model.</summary>
public sealed record ArchivedOrder
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    public required string Status { get; init; }

    public required Money Total { get; init; }

    public string? ClientReference { get; init; }

    public ImmutableArray<string> Tags { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ArchivedAt { get; init; }
}

/// <summary>Restores an archived order to the hot paths (commands work again); it is archived again one rule period later.</summary>
public sealed record RestoreOrder : Orders.IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string Reason { get; init; }
}

/// <summary>Archives an order now, by hand: only in a terminal state of its workflow and not archived yet; restored like a rule's archive.</summary>
public sealed record ArchiveOrder : Orders.IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public string? Reason { get; init; }
}

/// <summary>A tenant's archive rules, keyed <c>{tenant}</c>, versioned.</summary>
public interface IArchiveRulesGrain : IGrainWithStringKey
{
    Task<ArchiveRules> PublishAsync(PublishArchiveRules command);

    [ReadOnly]
    Task<ArchiveRules> GetCurrentAsync();
}
