using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.GrainInterfaces.Search;

/// <summary>
/// One order as the search read model holds it: what the filters test, what a list shows, and the free-text document.
/// Rows are projected from the order stream; <see cref="Version"/> is the order version the row was built from, and a
/// row never replaces one of a higher version.
/// </summary>
public sealed record OrderSearchRow
{
    public required string TenantId { get; init; }

    public required string OrderId { get; init; }

    public long Version { get; init; }

    /// <summary>The last order-stream sequence number the row reflects (for lag and diagnostics).</summary>
    public long LastSequence { get; init; }

    public required string Status { get; init; }

    public ChannelKind Channel { get; init; }

    public required string CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public string? ClientReference { get; init; }

    public OrderPriority Priority { get; init; }

    /// <summary>Lower-case, as orders keep them.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    public decimal Total { get; init; }

    public required string Currency { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Custom fields with their values as text (<see cref="OrderSearchDocument.FieldText"/>), compared by equality.</summary>
    public ImmutableSortedDictionary<string, string> CustomFields { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public string? Assignee { get; init; }

    public bool Archived { get; init; }

    /// <summary>When the order was archived (null while it is live): the archive search filters and pages by it.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>The free-text document: normalised words (<see cref="OrderSearchDocument.Words"/>) separated by spaces.</summary>
    public string Document { get; init; } = "";
}
