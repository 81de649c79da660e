namespace OrderCluster.Runtime.Storage.Sqlite.Timers;

internal static class HashRanges
{
    /// <summary>
    /// Sorts the ranges and joins overlapping or adjacent ones, dropping empty ones (start after end), so the claim
    /// tests each timer's hash against as few ranges as possible.
    /// </summary>
    public static IReadOnlyList<HashRange> Merge(IReadOnlyList<HashRange> ranges)
    {
        var merged = new List<HashRange>();
        foreach (var range in ranges.Where(r => r.Start <= r.End).OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && (ulong)range.Start <= (ulong)merged[^1].End + 1)
            {
                if (range.End > merged[^1].End) merged[^1] = merged[^1] with { End = range.End };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
