namespace OrderCluster.GrainInterfaces.Common;

public enum SortOrder
{
    NewestFirst,
    OldestFirst,
}

/// <summary>
/// One page of a list: at most <see cref="Limit"/> items after the opaque <see cref="Cursor"/> of the previous
/// page (null for the first page), in a stable order.
/// </summary>
public sealed record PageRequest
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    public int Limit { get; init; } = DefaultLimit;

    public string? Cursor { get; init; }

    public SortOrder Order { get; init; } = SortOrder.NewestFirst;

    public static PageRequest First(int limit = DefaultLimit, SortOrder order = SortOrder.NewestFirst) => new() { Limit = limit, Order = order };
}

/// <summary>A page of <typeparamref name="T"/>; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>
{
    public ImmutableArray<T> Items { get; init; } = [];

    public string? NextCursor { get; init; }

    /// <summary>How many items the whole list holds.</summary>
    public int Total { get; init; }
}
