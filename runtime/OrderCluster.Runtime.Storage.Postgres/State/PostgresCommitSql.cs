namespace OrderCluster.Runtime.Storage.Postgres.State;

/// <summary>
/// The statements of one commit batch. A batch is sent in one round trip and runs in one implicit transaction:
/// lock the existing rows it changes (in key order, so two batches never deadlock), one statement per round, then
/// read back the versions the writes found (for conflict results).
/// </summary>
internal static class PostgresCommitSql
{
    /// <summary>Locks the existing state rows that conditional updates will change, in primary-key order.</summary>
    public const string LockStates =
        """
        SELECT 1 FROM {schema}.grain_state g
        JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(grain_type, grain_key, state_name)
          ON g.grain_type = k.grain_type AND g.grain_key = k.grain_key AND g.state_name = k.state_name
        ORDER BY g.grain_type, g.grain_key, g.state_name
        FOR UPDATE OF g
        """;

    /// <summary>Locks the existing timer rows the batch changes, in primary-key order (after the state rows).</summary>
    public const string LockTimers =
        """
        SELECT 1 FROM {schema}.durable_timer d
        JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(grain_type, grain_key, name)
          ON d.grain_type = k.grain_type AND d.grain_key = k.grain_key AND d.name = k.name
        ORDER BY d.grain_type, d.grain_key, d.name
        FOR UPDATE OF d
        """;

    /// <summary>
    /// One round: conditional updates (expected version > 0), inserts (expected version 0; a row already there is a
    /// conflict), then the timer changes of the writes that committed (or had no state change). Returns
    /// (write index, committed version; 0 for writes without a state change).
    /// Parameters: $1 write index, $2 grain type, $3 grain key, $4 grain hash, $5 state name (null: no state change),
    /// $6 payload JSON text (null: clear), $7 expected version; $8 timer's write index, $9 timer name,
    /// $10 due time (null: delete), $11 period in milliseconds (null: one-shot); $12 the time of the write.
    /// </summary>
    public const string Round =
        """
        WITH w AS (
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
            ORDER BY w.grain_type, w.grain_key, w.state_name
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
        SELECT idx, version FROM committed
        """;

    /// <summary>
    /// The state versions after the rounds, read by a later statement so it sees rows other transactions committed
    /// while this one waited. Returns (key index, version); a missing row returns nothing.
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
