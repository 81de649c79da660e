using System.Collections.Concurrent;
using System.Text;

namespace OrderCluster.Runtime.Storage.Sqlite.Timers;

/// <summary>The durable timer statements. Every time comes from a parameter (the runtime's clock), in unix milliseconds.</summary>
internal static class SqliteTimerSql
{
    private static readonly ConcurrentDictionary<int, string> ClaimByRangeCount = new();

    /// <summary>
    /// Leases the earliest due, unleased timers whose hash falls in one of <paramref name="rangeCount"/> ranges. The
    /// inner select is a range scan of the due-time index in due order, stopped by the limit.
    /// Parameters: $owner, $until, $due, $now, then $s0, $e0, $s1, $e1, ... and $limit.
    /// </summary>
    public static string Claim(int rangeCount) => ClaimByRangeCount.GetOrAdd(rangeCount, static count =>
        $"""
         UPDATE durable_timer SET lease_owner = $owner, lease_until = $until
         WHERE rowid IN (
             SELECT rowid FROM durable_timer
             WHERE due_at <= $due AND (lease_until IS NULL OR lease_until <= $now) AND {RangeCondition(0, count)}
             ORDER BY due_at
             LIMIT $limit)
         RETURNING grain_type, grain_key, name, due_at, period_ms, version
         """);

    public const string MoveIfVersion =
        """
        UPDATE durable_timer SET due_at = $due, version = $newVersion, lease_owner = NULL, lease_until = NULL
        WHERE grain_type = $type AND grain_key = $key AND name = $name AND version = $version
        """;

    public const string DeleteIfVersion =
        "DELETE FROM durable_timer WHERE grain_type = $type AND grain_key = $key AND name = $name AND version = $version";

    public const string DeferIfVersion =
        """
        UPDATE durable_timer SET lease_until = $until
        WHERE grain_type = $type AND grain_key = $key AND name = $name AND version = $version
        """;

    /// <summary>Rare (silo start and stop), so it may read the whole table; lease columns stay unindexed.</summary>
    public const string Release =
        """
        UPDATE durable_timer SET lease_owner = NULL, lease_until = NULL
        WHERE lease_owner IS NOT NULL AND ($owner IS NULL OR lease_owner = $owner)
        """;

    public const string List =
        "SELECT name, due_at, period_ms, version FROM durable_timer WHERE grain_type = $type AND grain_key = $key ORDER BY name";

    public const string Stats = "SELECT count(*), min(due_at) FROM durable_timer";

    /// <summary>The ranges as a balanced OR tree, so many ranges stay far below SQLite's expression depth limit.</summary>
    private static string RangeCondition(int first, int count)
    {
        if (count == 1) return $"hash BETWEEN $s{first} AND $e{first}";
        var half = count / 2;
        return new StringBuilder("(").Append(RangeCondition(first, half)).Append(" OR ")
            .Append(RangeCondition(first + half, count - half)).Append(')').ToString();
    }
}
