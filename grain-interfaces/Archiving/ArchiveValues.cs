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

/// <summary>What the archive index keeps of an order: enough to find it again.</summary>
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

/// <summary>Search of archived orders: every given filter must match; <see cref="Text"/> matches order id, client reference, customer id or a tag.</summary>
public sealed record ArchiveQuery
{
    public string? CustomerId { get; init; }

    public string? Status { get; init; }

    public string? Text { get; init; }

    public DateTimeOffset? ArchivedFrom { get; init; }

    public DateTimeOffset? ArchivedTo { get; init; }

    public int Limit { get; init; } = 50;

    /// <summary>Keyset paging: only orders after this one in the search order (most recently archived first, then by id).</summary>
    public DateTimeOffset? AfterArchivedAt { get; init; }

    /// <summary>With <see cref="AfterArchivedAt"/>: the id of the last order of the previous page.</summary>
    public string? AfterOrderId { get; init; }
}

/// <summary>Restores an archived order to the hot paths (commands work again); it is archived again one rule period later.</summary>
public sealed record RestoreOrder : Orders.IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string Reason { get; init; }
}

/// <summary>A tenant's archive rules, keyed <c>{tenant}</c>, versioned.</summary>
public interface IArchiveRulesGrain : IGrainWithStringKey
{
    Task<ArchiveRules> PublishAsync(PublishArchiveRules command);

    [ReadOnly]
    Task<ArchiveRules> GetCurrentAsync();
}

/// <summary>The index of a tenant's archived orders, keyed <c>{tenant}</c>: orders add and remove themselves; people search it.</summary>
public interface IOrderArchiveGrain : IGrainWithStringKey
{
    Task AddAsync(ArchivedOrder entry);

    Task RemoveAsync(string orderId);

    [ReadOnly]
    Task<ImmutableArray<ArchivedOrder>> SearchAsync(ArchiveQuery query);
}
