using System.Globalization;

namespace OrderCluster.Grains.Common;

/// <summary>
/// Pages a list kept in ascending sequence order (audit entries, events, notes): the cursor is the last sequence
/// returned, so pages stay stable while new items arrive.
/// </summary>
internal static class SequencePaging
{
    public static Page<TResult> Page<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, long> sequence, PageRequest request,
        Func<TItem, TResult> map)
    {
        var limit = Math.Clamp(request.Limit, 1, PageRequest.MaxLimit);
        var newestFirst = request.Order == SortOrder.NewestFirst;
        var index = ParseCursor(request.Cursor) is { } after
            ? newestFirst ? FirstAtOrAbove(items, sequence, after) - 1 : FirstAtOrAbove(items, sequence, after + 1)
            : newestFirst ? items.Count - 1 : 0;
        var step = newestFirst ? -1 : 1;

        var page = ImmutableArray.CreateBuilder<TResult>();
        long lastSequence = 0;
        for (; index >= 0 && index < items.Count && page.Count < limit; index += step)
        {
            page.Add(map(items[index]));
            lastSequence = sequence(items[index]);
        }

        var more = index >= 0 && index < items.Count;
        return new Page<TResult>
        {
            Items = page.ToImmutable(),
            NextCursor = more ? lastSequence.ToString(CultureInfo.InvariantCulture) : null,
            Total = items.Count,
        };
    }

    private static long? ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        return long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw ValidationFailedException.For("cursor", "invalid-cursor", "The cursor is not one this list returned.");
    }

    /// <summary>The index of the first item whose sequence is at least <paramref name="value"/> (binary search).</summary>
    private static int FirstAtOrAbove<TItem>(IReadOnlyList<TItem> items, Func<TItem, long> sequence, long value)
    {
        int lo = 0, hi = items.Count;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (sequence(items[mid]) < value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}
