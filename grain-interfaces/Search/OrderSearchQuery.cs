using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.GrainInterfaces.Search;

/// <summary>
/// A search of one tenant's orders, newest first (creation time, then order id, both descending). Null members do not
/// filter; every given filter must hold. <see cref="After"/> is the position of the last row of the previous page.
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

    public int Limit { get; init; } = 50;

    public OrderSearchPosition? After { get; init; }
}

/// <summary>A position in the newest-first order.</summary>
public sealed record OrderSearchPosition(DateTimeOffset CreatedAt, string OrderId);
