namespace OrderCluster.Runtime.Storage.Postgres.Streams;

/// <summary>
/// The stream statements other than the append (which is part of the commit: <see cref="State.PostgresCommitSql.RoundWithEvents"/>).
/// Each is an index lookup or an index range scan; times come from parameters, never from the database's clock.
/// </summary>
internal static class PostgresStreamSql
{
    /// <summary>
    /// How far out of creation order a partition's events may be committed and <see cref="PositionsBefore"/> still answer
    /// exactly: more than the longest a commit can follow the stamping of its events (a call's deadline) plus the clock
    /// skew between silos. Beyond it the answer can only be lower (a replay from it delivers more, never skips).
    /// </summary>
    public static readonly TimeSpan OutOfOrderWindow = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Events of one partition after a position, in position order: a range scan of the primary key from the position
    /// on, stopped by the limit; the namespace and key conditions filter the rows the scan meets.
    /// Parameters: $1 partition, $2 after position, $3 namespaces (null: all), $4 stream key (null: any), $5 limit.
    /// </summary>
    public const string Read =
        """
        SELECT position, namespace, stream_key, sequence, event_type, payload::text, created_at
        FROM {schema}.stream_event
        WHERE partition_id = $1 AND position > $2
          AND ($3::text[] IS NULL OR namespace = ANY ($3::text[]))
          AND ($4::text IS NULL OR stream_key = $4::text)
        ORDER BY position
        LIMIT $5
        """;

    /// <summary>The partition heads (one small row per partition).</summary>
    public const string ReadHeads = "SELECT partition_id, last_position FROM {schema}.stream_partition";

    /// <summary>A group's cursors: a primary-key prefix scan. Parameter: $1 group.</summary>
    public const string ReadCursors = "SELECT partition_id, position FROM {schema}.stream_cursor WHERE consumer_group = $1";

    /// <summary>Sets a group's cursors, forwards or backwards. Parameters: $1 group, $2 partitions, $3 positions.</summary>
    public const string SaveCursors =
        """
        INSERT INTO {schema}.stream_cursor AS c (consumer_group, partition_id, position)
        SELECT $1, p.partition_id, p.position FROM unnest($2::integer[], $3::bigint[]) AS p(partition_id, position)
        ORDER BY p.partition_id
        ON CONFLICT (consumer_group, partition_id) DO UPDATE SET position = excluded.position
        """;

    /// <summary>
    /// Per partition, the last position of an event created before $1. Positions follow commit order and times are stamped
    /// just before the commit, so along a partition's positions the times rise but for events committed out of stamping
    /// order. One descent of (partition, created_at) finds the latest event created before $1; any event created before
    /// $1 at a higher position was stamped at most <see cref="OutOfOrderWindow"/> ($2) earlier than that one, so the
    /// highest position within that window of the index (a short covering range) is the answer. Never a scan of a whole
    /// partition: <c>position + 0</c> keeps the planner from answering max(position) by walking the primary key backwards
    /// from the head, filtering on the time (which reads every event after the answer). Parameters: $1 time, $2 the window.
    /// </summary>
    public const string PositionsBefore =
        """
        SELECT p.partition_id, COALESCE((
            SELECT max(e.position + 0) FROM {schema}.stream_event e
            WHERE e.partition_id = p.partition_id AND e.created_at < $1
              AND e.created_at >= (
                  SELECT l.created_at - $2::interval FROM {schema}.stream_event l
                  WHERE l.partition_id = p.partition_id AND l.created_at < $1
                  ORDER BY l.created_at DESC
                  LIMIT 1)), 0)
        FROM {schema}.stream_partition p
        """;

    /// <summary>Where one event of a stream sits: a lookup of the unique (namespace, key, sequence) index.</summary>
    public const string Find =
        "SELECT partition_id, position FROM {schema}.stream_event WHERE namespace = $1 AND stream_key = $2 AND sequence = $3";

    /// <summary>Stores a dead letter with the whole event; returns its id.</summary>
    public const string AddDeadLetter =
        """
        INSERT INTO {schema}.stream_dead_letter (consumer_group, partition_id, position, namespace, stream_key, sequence,
            event_type, payload, created_at, error, attempts, failed_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)
        RETURNING id
        """;

    private const string DeadLetterColumns =
        "id, consumer_group, partition_id, position, namespace, stream_key, sequence, event_type, payload::text, created_at, error, attempts, failed_at";

    /// <summary>The oldest dead letters of all groups: the primary key in order. Parameter: $1 limit.</summary>
    public const string ListDeadLetters = "SELECT " + DeadLetterColumns + " FROM {schema}.stream_dead_letter ORDER BY id LIMIT $1";

    /// <summary>The oldest dead letters of one group: the (group, id) index in order. Parameters: $1 group, $2 limit.</summary>
    public const string ListGroupDeadLetters =
        "SELECT " + DeadLetterColumns + " FROM {schema}.stream_dead_letter WHERE consumer_group = $1 ORDER BY id LIMIT $2";

    public const string GetDeadLetter = "SELECT " + DeadLetterColumns + " FROM {schema}.stream_dead_letter WHERE id = $1";

    public const string DeleteDeadLetter = "DELETE FROM {schema}.stream_dead_letter WHERE id = $1";

    /// <summary>Dead letters are few (each is a failure someone must look at): the count reads the (group, id) index.</summary>
    public const string CountDeadLetters = "SELECT consumer_group, count(*) FROM {schema}.stream_dead_letter GROUP BY consumer_group";

    public const string SaveSubscription =
        """
        INSERT INTO {schema}.stream_subscription AS s (id, namespace, stream_key, consumer_type, consumer_key, created_at)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO UPDATE
        SET namespace = excluded.namespace, stream_key = excluded.stream_key, consumer_type = excluded.consumer_type,
            consumer_key = excluded.consumer_key, created_at = excluded.created_at
        """;

    public const string DeleteSubscription = "DELETE FROM {schema}.stream_subscription WHERE id = $1";

    /// <summary>Explicit subscriptions are few and read whole.</summary>
    public const string ListSubscriptions =
        "SELECT id, namespace, stream_key, consumer_type, consumer_key, created_at FROM {schema}.stream_subscription";

    /// <summary>
    /// Retention: a range of the primary key (the partition up to the position), filtered by creation time.
    /// Parameters: $1 partition, $2 up to position, $3 created before.
    /// </summary>
    public const string DeleteDelivered =
        "DELETE FROM {schema}.stream_event WHERE partition_id = $1 AND position <= $2 AND created_at < $3";
}
