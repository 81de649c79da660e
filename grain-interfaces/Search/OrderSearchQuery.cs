using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.GrainInterfaces.Search;

/// <summary>
/// A search of one tenant's orders, newest first (creation time, then order id, both descending), or for the archive
/// most recently archived first (<see cref="OrderSearchSort.RecentlyArchived"/>). Null members do not filter; every
/// given filter must hold. <see cref="After"/> (or <see cref="AfterArchived"/>) is the position of the last row of the previous page.
/// </summary>
public sealed record OrderSearchQuery
{
    public string? Status { get; init; }

    public ChannelKind? Channel { get; init; }

    public string? CustomerId { get; init; }

    /// <summary>The order carries this tag (lower-case).</summary>
    public string? Tag { get; init; }

    public OrderPriority? Priority { get; init; }

    /// <summary>Created at or after (inclusive).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before (exclusive).</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    public decimal? MinTotal { get; init; }

    public decimal? MaxTotal { get; init; }

    /// <summary>Free text: every word of it must start a word of the order's document (case-insensitive).</summary>
    public string? Text { get; init; }

    /// <summary>Custom fields that must equal these values (as text).</summary>
    public ImmutableSortedDictionary<string, string> CustomFields { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string? Assignee { get; init; }

    /// <summary>False (the default) finds live orders only; true finds archived ones only.</summary>
    public bool Archived { get; init; }

    /// <summary>Archived at or after (inclusive); with <see cref="Archived"/>.</summary>
    public DateTimeOffset? ArchivedFrom { get; init; }

    /// <summary>Archived before (exclusive); with <see cref="Archived"/>.</summary>
    public DateTimeOffset? ArchivedTo { get; init; }

    /// <summary><see cref="OrderSearchSort.RecentlyArchived"/> needs <see cref="Archived"/> (live orders have no archive time).</summary>
    public OrderSearchSort Sort { get; init; }

    public int Limit { get; init; } = 50;

    /// <summary>The cursor of <see cref="OrderSearchSort.NewestCreated"/>.</summary>
    public OrderSearchPosition? After { get; init; }

    /// <summary>The cursor of <see cref="OrderSearchSort.RecentlyArchived"/>.</summary>
    public OrderArchivePosition? AfterArchived { get; init; }
}

public enum OrderSearchSort
{
    /// <summary>Creation time, then order id, both descending.</summary>
    NewestCreated,

    /// <summary>Archive time descending, then order id ascending (the archive search); archived rows only.</summary>
    RecentlyArchived,
}

/// <summary>A position in the most-recently-archived order.</summary>
public sealed record OrderArchivePosition(DateTimeOffset ArchivedAt, string OrderId);

/// <summary>A position in the newest-first order.</summary>
public sealed record OrderSearchPosition(DateTimeOffset CreatedAt, string OrderId);
