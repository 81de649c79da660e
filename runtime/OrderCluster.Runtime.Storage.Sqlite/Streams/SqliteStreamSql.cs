namespace OrderCluster.Runtime.Storage.Sqlite.Streams;

/// <summary>
/// The stream statements other than the append (<see cref="StreamEventAppender"/>, part of the commit). Each is an index
/// lookup or an index range scan. Times are unix milliseconds from parameters.
/// </summary>
internal static class SqliteStreamSql
{
    /// <summary>
    /// How far out of creation order a partition's events may be committed and <see cref="PositionsBefore"/> still answer
    /// exactly (see the PostgreSQL provider, which uses the same window); beyond it the answer can only be lower.
    /// </summary>
    public static readonly TimeSpan OutOfOrderWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Events of one partition after a position, in position order: a range of the primary key from the position on,
    /// stopped by the limit. The namespace and key conditions only filter the rows met (the unary plus keeps the planner
    /// from trading the range for the (namespace, key, sequence) index and a sort). $namespaces is a JSON array or null.
    /// </summary>
    public const string Read =
        """
        SELECT position, namespace, stream_key, sequence, event_type, payload, created_at
        FROM stream_event
        WHERE partition_id = $partition AND position > $after
          AND ($namespaces IS NULL OR +namespace IN (SELECT value FROM json_each($namespaces)))
          AND ($key IS NULL OR +stream_key = $key)
        ORDER BY position
        LIMIT $limit
        """;

    public const string ReadHeads = "SELECT partition_id, last_position FROM stream_partition";

    public const string ReadCursors = "SELECT partition_id, position FROM stream_cursor WHERE consumer_group = $group";

    public const string SaveCursor =
        """
        INSERT INTO stream_cursor (consumer_group, partition_id, position) VALUES ($group, $partition, $position)
        ON CONFLICT (consumer_group, partition_id) DO UPDATE SET position = excluded.position
        """;

    /// <summary>
    /// Per partition, the last position of an event created before $time: the latest event created before it (one
    /// descent of the (partition, created_at) index), then the highest position within <see cref="OutOfOrderWindow"/>
    /// ($window, milliseconds) before that event's time (a short covering range of the same index). <c>position + 0</c>
    /// keeps the planner from answering max(position) by walking the primary key backwards from the head.
    /// </summary>
    public const string PositionsBefore =
        """
        SELECT p.partition_id, COALESCE((
            SELECT max(e.position + 0) FROM stream_event e
            WHERE e.partition_id = p.partition_id AND e.created_at < $time
              AND e.created_at >= (
                  SELECT l.created_at - $window FROM stream_event l
                  WHERE l.partition_id = p.partition_id AND l.created_at < $time
                  ORDER BY l.created_at DESC
                  LIMIT 1)), 0)
        FROM stream_partition p
        """;

    public const string Find =
        "SELECT partition_id, position FROM stream_event WHERE namespace = $namespace AND stream_key = $key AND sequence = $sequence";

    public const string AddDeadLetter =
        """
        INSERT INTO stream_dead_letter (consumer_group, partition_id, position, namespace, stream_key, sequence, event_type, payload,
            created_at, error, attempts, failed_at)
        VALUES ($group, $partition, $position, $namespace, $key, $sequence, $type, $payload, $created, $error, $attempts, $failed)
        RETURNING id
        """;

    private const string DeadLetterColumns =
        "id, consumer_group, partition_id, position, namespace, stream_key, sequence, event_type, payload, created_at, error, attempts, failed_at";

    public const string ListDeadLetters = "SELECT " + DeadLetterColumns + " FROM stream_dead_letter ORDER BY id LIMIT $limit";

    public const string ListGroupDeadLetters =
        "SELECT " + DeadLetterColumns + " FROM stream_dead_letter WHERE consumer_group = $group ORDER BY id LIMIT $limit";

    public const string GetDeadLetter = "SELECT " + DeadLetterColumns + " FROM stream_dead_letter WHERE id = $id";

    public const string DeleteDeadLetter = "DELETE FROM stream_dead_letter WHERE id = $id";

    public const string CountDeadLetters = "SELECT consumer_group, count(*) FROM stream_dead_letter GROUP BY consumer_group";

    public const string SaveSubscription =
        """
        INSERT INTO stream_subscription (id, namespace, stream_key, consumer_type, consumer_key, created_at)
        VALUES ($id, $namespace, $key, $type, $consumer, $created)
        ON CONFLICT (id) DO UPDATE
        SET namespace = excluded.namespace, stream_key = excluded.stream_key, consumer_type = excluded.consumer_type,
            consumer_key = excluded.consumer_key, created_at = excluded.created_at
        """;

    public const string DeleteSubscription = "DELETE FROM stream_subscription WHERE id = $id";

    public const string ListSubscriptions = "SELECT id, namespace, stream_key, consumer_type, consumer_key, created_at FROM stream_subscription";

    /// <summary>Retention: a range of the primary key (the partition up to the position), filtered by creation time.</summary>
    public const string DeleteDelivered =
        "DELETE FROM stream_event WHERE partition_id = $partition AND position <= $position AND created_at < $before";
}
