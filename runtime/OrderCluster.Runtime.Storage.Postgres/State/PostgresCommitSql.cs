namespace OrderCluster.Runtime.Storage.Postgres.State;

/// <summary>
/// The statements of a commit batch. Each round of the batch is sent as the leanest statements that do its work: a
/// plain UPDATE for state writes over existing rows (nearly every write once a grain exists), an INSERT for first
/// writes, a timer statement for writes that only change timers, and the full <see cref="Round"/> statement only for
/// writes that change state and timers together (their timers apply only if the state change wins). A round with stream
/// events is one <see cref="RoundWithEvents"/> statement, so events apply exactly when their write does; batches
/// without events do no stream work at all. Every statement
/// returns a result set, so the reader steps through them in order. Each SQL text is a constant, so Npgsql prepares
/// each shape once per connection. Rows are locked in the order of the parameter arrays, which the caller sorts by key.
/// </summary>
internal static class PostgresCommitSql
{
    /// <summary>
    /// Conditional updates of existing states: each applies only if the stored version is the expected one. Returns
    /// (write index, new version) for the updates that applied. Parameters: $1 write index, $2 grain type, $3 grain key,
    /// $4 state name, $5 payload JSON text (null: clear), $6 expected version (above 0), $7 the time of the write.
    /// </summary>
    public const string UpdateStates =
        """
        UPDATE {schema}.grain_state g
        SET payload = w.payload::jsonb, version = g.version + 1, updated_at = $7
        FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
            AS w(idx, grain_type, grain_key, state_name, payload, expected)
        WHERE g.grain_type = w.grain_type AND g.grain_key = w.grain_key AND g.state_name = w.state_name
          AND g.version = w.expected
        RETURNING w.idx, g.version
        """;

    /// <summary>
    /// First writes of states (expected version 0) at version 1; a row already there is a conflict and stays as it is.
    /// Returns the keys of the rows inserted (keys are distinct within a round). Parameters: $1 grain type, $2 grain key,
    /// $3 state name, $4 payload JSON text (null: clear), $5 the time of the write.
    /// </summary>
    public const string InsertStates =
        """
        INSERT INTO {schema}.grain_state AS g (grain_type, grain_key, state_name, payload, version, updated_at)
        SELECT w.grain_type, w.grain_key, w.state_name, w.payload::jsonb, 1, $5
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS w(grain_type, grain_key, state_name, payload)
        ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
        RETURNING g.grain_type, g.grain_key, g.state_name
        """;

    /// <summary>
    /// Timer changes of writes without a state change (they always apply): upserts (a new version, no lease) and
    /// deletions. Returns one row per timer deleted. Parameters: $1 grain type, $2 grain key, $3 grain hash, $4 timer
    /// name, $5 due time (null: delete), $6 period in milliseconds (null: one-shot).
    /// </summary>
    public const string ChangeTimers =
        """
        WITH t AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[], $6::bigint[])
                AS t(grain_type, grain_key, hash, name, due_at, period_ms)
        ),
        upserted AS (
            INSERT INTO {schema}.durable_timer AS d (grain_type, grain_key, name, hash, due_at, period_ms, version)
            SELECT grain_type, grain_key, name, hash, due_at, period_ms, nextval('{schema}.durable_timer_version')
            FROM t
            WHERE due_at IS NOT NULL
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE
            SET due_at = excluded.due_at, period_ms = excluded.period_ms, version = excluded.version,
                lease_owner = NULL, lease_until = NULL
            RETURNING 1
        )
        DELETE FROM {schema}.durable_timer d
        USING t
        WHERE t.due_at IS NULL AND d.grain_type = t.grain_type AND d.grain_key = t.grain_key AND d.name = t.name
        RETURNING 1
        """;

    /// <summary>Locks the existing timer rows the batch changes, in primary-key order, before any other statement.</summary>
    public const string LockTimers =
        """
        SELECT 1 FROM {schema}.durable_timer d
        JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(grain_type, grain_key, name)
          ON d.grain_type = k.grain_type AND d.grain_key = k.grain_key AND d.name = k.name
        ORDER BY d.grain_type, d.grain_key, d.name
        FOR UPDATE OF d
        """;

    /// <summary>
    /// A round with writes that change state and timers together: conditional updates (expected version > 0), inserts
    /// (expected version 0; a row already there is a conflict), then the timer changes of the writes that committed (or
    /// had no state change). Returns (write index, committed version; 0 for writes without a state change).
    /// Parameters: $1 write index, $2 grain type, $3 grain key, $4 grain hash, $5 state name (null: no state change),
    /// $6 payload JSON text (null: clear), $7 expected version; $8 timer's write index, $9 timer name,
    /// $10 due time (null: delete), $11 period in milliseconds (null: one-shot); $12 the time of the write.
    /// </summary>
    public const string Round = "WITH " + RoundSteps + "SELECT idx, version FROM committed";

    /// <summary>
    /// A round with stream events: the work of <see cref="Round"/>, then the events of the writes that committed, appended
    /// in input order (the order of the event parameters). Every stream's head row is moved by the number of its events
    /// (in key order: the insert's ORDER BY), then every partition's row by the number of its events (in ascending order;
    /// its input joins the moved heads, so all heads are locked first: one lock order for every batch). Those row locks
    /// are held until the transaction ends, so a later batch appending to the same partition waits for this one to
    /// commit before it takes its positions: positions within a partition follow commit order. Each event's sequence and
    /// position count up from the value its row had before. Returns (write index, committed version, the sequences of
    /// the write's events in order; null without events).
    /// Parameters: $1-$12 as <see cref="Round"/>; $13 event's write index, $14 namespace, $15 stream key, $16 partition,
    /// $17 event type, $18 payload JSON text, $19 created at.
    /// </summary>
    public const string RoundWithEvents = "WITH " + RoundSteps + EventSteps +
        """
        SELECT c.idx, c.version, s.sequences
        FROM committed c
        LEFT JOIN (SELECT idx, array_agg(sequence ORDER BY ord) AS sequences FROM numbered GROUP BY idx) s ON s.idx = c.idx
        """;

    /// <summary>The steps of a round (the CTEs before the final SELECT); <c>committed</c> holds the writes that applied.</summary>
    private const string RoundSteps =
        """
        w AS (
            SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::bigint[])
                AS w(idx, grain_type, grain_key, hash, state_name, payload, expected)
        ),
        updated AS (
            UPDATE {schema}.grain_state g
            SET payload = w.payload::jsonb, version = g.version + 1, updated_at = $12
            FROM w
            WHERE w.expected > 0 AND g.grain_type = w.grain_type AND g.grain_key = w.grain_key
              AND g.state_name = w.state_name AND g.version = w.expected
            RETURNING w.idx, g.version
        ),
        inserted AS (
            INSERT INTO {schema}.grain_state AS g (grain_type, grain_key, state_name, payload, version, updated_at)
            SELECT w.grain_type, w.grain_key, w.state_name, w.payload::jsonb, 1, $12
            FROM w
            WHERE w.expected = 0 AND w.state_name IS NOT NULL
            ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
            RETURNING g.grain_type, g.grain_key, g.state_name
        ),
        committed AS (
            SELECT idx, version FROM updated
            UNION ALL
            SELECT w.idx, 1::bigint FROM inserted i
            JOIN w ON w.grain_type = i.grain_type AND w.grain_key = i.grain_key AND w.state_name = i.state_name
            UNION ALL
            SELECT w.idx, 0::bigint FROM w WHERE w.state_name IS NULL
        ),
        t AS (
            SELECT w.grain_type, w.grain_key, w.hash, t.name, t.due_at, t.period_ms
            FROM unnest($8::integer[], $9::text[], $10::timestamptz[], $11::bigint[]) AS t(idx, name, due_at, period_ms)
            JOIN committed c ON c.idx = t.idx
            JOIN w ON w.idx = t.idx
        ),
        upserted AS (
            INSERT INTO {schema}.durable_timer AS d (grain_type, grain_key, name, hash, due_at, period_ms, version)
            SELECT grain_type, grain_key, name, hash, due_at, period_ms, nextval('{schema}.durable_timer_version')
            FROM t
            WHERE due_at IS NOT NULL
            ORDER BY grain_type, grain_key, name
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE
            SET due_at = excluded.due_at, period_ms = excluded.period_ms, version = excluded.version,
                lease_owner = NULL, lease_until = NULL
            RETURNING 1
        ),
        deleted AS (
            DELETE FROM {schema}.durable_timer d
            USING t
            WHERE t.due_at IS NULL AND d.grain_type = t.grain_type AND d.grain_key = t.grain_key AND d.name = t.name
            RETURNING 1
        )

        """;

    /// <summary>
    /// The event steps of <see cref="RoundWithEvents"/>. <c>e</c> keeps the events of committed writes (the committed
    /// set is read whole first, as one array, so every state row is locked before any stream row); <c>ord</c> is the
    /// event's place in the batch.
    /// </summary>
    private const string EventSteps =
        """
        ,
        e AS (
            SELECT x.ord, x.idx, x.namespace, x.stream_key, x.partition_id, x.event_type, x.payload, x.created_at
            FROM unnest($13::integer[], $14::text[], $15::text[], $16::integer[], $17::text[], $18::text[], $19::timestamptz[])
                WITH ORDINALITY AS x(idx, namespace, stream_key, partition_id, event_type, payload, created_at, ord)
            WHERE x.idx = ANY ((SELECT array_agg(idx) FROM committed)::integer[])
        ),
        heads AS (
            INSERT INTO {schema}.stream_head AS h (namespace, stream_key, last_sequence)
            SELECT namespace, stream_key, count(*) FROM e
            GROUP BY namespace, stream_key
            ORDER BY namespace, stream_key
            ON CONFLICT (namespace, stream_key) DO UPDATE SET last_sequence = h.last_sequence + excluded.last_sequence
            RETURNING h.namespace, h.stream_key, h.last_sequence
        ),
        partitions AS (
            INSERT INTO {schema}.stream_partition AS p (partition_id, last_position)
            SELECT e.partition_id, count(*) FROM e
            JOIN heads h ON h.namespace = e.namespace AND h.stream_key = e.stream_key
            GROUP BY e.partition_id
            ORDER BY e.partition_id
            ON CONFLICT (partition_id) DO UPDATE SET last_position = p.last_position + excluded.last_position
            RETURNING p.partition_id, p.last_position
        ),
        numbered AS (
            SELECT e.ord, e.idx, e.partition_id, e.namespace, e.stream_key, e.event_type, e.payload, e.created_at,
                h.last_sequence - count(*) OVER s + row_number() OVER (s ORDER BY e.ord) AS sequence,
                p.last_position - count(*) OVER q + row_number() OVER (q ORDER BY e.ord) AS position
            FROM e
            JOIN heads h ON h.namespace = e.namespace AND h.stream_key = e.stream_key
            JOIN partitions p ON p.partition_id = e.partition_id
            WINDOW s AS (PARTITION BY e.namespace, e.stream_key), q AS (PARTITION BY e.partition_id)
        ),
        appended AS (
            INSERT INTO {schema}.stream_event (partition_id, position, namespace, stream_key, sequence, event_type, payload, created_at)
            SELECT partition_id, position, namespace, stream_key, sequence, event_type, payload::jsonb, created_at FROM numbered
            RETURNING 1
        )

        """;

    /// <summary>
    /// The stored versions of states, read after a batch in which writes conflicted (rare: a grain with two
    /// activations). Returns (key index, version); a missing row returns nothing.
    /// </summary>
    public const string ReadVersions =
        """
        SELECT k.i, g.version
        FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[]) AS k(i, grain_type, grain_key, state_name)
        JOIN {schema}.grain_state g
          ON g.grain_type = k.grain_type AND g.grain_key = k.grain_key AND g.state_name = k.state_name
        """;

    public const string ReadState =
        """
        SELECT payload::text, version FROM {schema}.grain_state
        WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3
        """;
}
