namespace OrderCluster.Runtime.Storage.Postgres.Timers;

/// <summary>
/// The durable timer statements. Every time comes from a parameter (the runtime's clock), never from the database's.
/// Statements that change several timers first lock them in primary-key order, as the commit does, so they never
/// deadlock with each other or with commits.
/// </summary>
internal static class PostgresTimerSql
{
    /// <summary>
    /// Leases the earliest due, unleased timers in the hash ranges. The inner select is a range scan of the due-time
    /// index in due order, stopped by the limit; SKIP LOCKED lets silos claim side by side without waiting.
    /// Parameters: $1 due before, $2 now, $3 range starts, $4 range ends, $5 limit, $6 lease owner, $7 lease until.
    /// </summary>
    public const string Claim =
        """
        UPDATE {schema}.durable_timer t
        SET lease_owner = $6, lease_until = $7
        FROM (
            SELECT c.grain_type, c.grain_key, c.name
            FROM {schema}.durable_timer c
            WHERE c.due_at <= $1
              AND (c.lease_until IS NULL OR c.lease_until <= $2)
              AND EXISTS (SELECT 1 FROM unnest($3::bigint[], $4::bigint[]) AS r(first, last) WHERE c.hash BETWEEN r.first AND r.last)
            ORDER BY c.due_at
            LIMIT $5
            FOR UPDATE SKIP LOCKED
        ) due
        WHERE t.grain_type = due.grain_type AND t.grain_key = due.grain_key AND t.name = due.name
        RETURNING t.grain_type, t.grain_key, t.name, t.due_at, t.period_ms, t.version
        """;

    /// <summary>Locks the timers a settling statement will change. Parameters: $1 grain types, $2 grain keys, $3 names.</summary>
    public const string Lock =
        """
        SELECT 1 FROM {schema}.durable_timer d
        JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(grain_type, grain_key, name)
          ON d.grain_type = k.grain_type AND d.grain_key = k.grain_key AND d.name = k.name
        ORDER BY d.grain_type, d.grain_key, d.name
        FOR UPDATE OF d
        """;

    /// <summary>
    /// Settles delivered ticks whose version still matches: a next due time moves the timer (new version, no lease),
    /// none deletes it. Parameters: $1 grain types, $2 grain keys, $3 names, $4 versions, $5 next due times (null: delete).
    /// </summary>
    public const string Acknowledge =
        """
        WITH a AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[])
                AS a(grain_type, grain_key, name, version, next_due)
        ),
        moved AS (
            UPDATE {schema}.durable_timer d
            SET due_at = a.next_due, version = nextval('{schema}.durable_timer_version'), lease_owner = NULL, lease_until = NULL
            FROM a
            WHERE a.next_due IS NOT NULL AND d.grain_type = a.grain_type AND d.grain_key = a.grain_key
              AND d.name = a.name AND d.version = a.version
            RETURNING 1
        )
        DELETE FROM {schema}.durable_timer d
        USING a
        WHERE a.next_due IS NULL AND d.grain_type = a.grain_type AND d.grain_key = a.grain_key
          AND d.name = a.name AND d.version = a.version
        """;

    /// <summary>
    /// Keeps failed ticks leased until the retry time; the due time stays. Parameters: $1 grain types, $2 grain keys,
    /// $3 names, $4 versions, $5 retry at.
    /// </summary>
    public const string Defer =
        """
        UPDATE {schema}.durable_timer d
        SET lease_until = $5
        FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS a(grain_type, grain_key, name, version)
        WHERE d.grain_type = a.grain_type AND d.grain_key = a.grain_key AND d.name = a.name AND d.version = a.version
        """;

    /// <summary>
    /// Drops the leases of one owner ($1), or all leases ($1 null). Rare (silo start and stop), so it may read the
    /// whole table; the lease columns stay unindexed so that claims remain HOT updates.
    /// </summary>
    public const string Release =
        """
        UPDATE {schema}.durable_timer d
        SET lease_owner = NULL, lease_until = NULL
        FROM (
            SELECT grain_type, grain_key, name FROM {schema}.durable_timer
            WHERE lease_owner IS NOT NULL AND ($1::text IS NULL OR lease_owner = $1::text)
            ORDER BY grain_type, grain_key, name
            FOR UPDATE
        ) r
        WHERE d.grain_type = r.grain_type AND d.grain_key = r.grain_key AND d.name = r.name
        """;

    /// <summary>The timers of one grain (a primary-key prefix scan).</summary>
    public const string List =
        """
        SELECT name, due_at, period_ms, version FROM {schema}.durable_timer
        WHERE grain_type = $1 AND grain_key = $2
        ORDER BY name
        """;

    /// <summary>The count reads the whole due-time index; the earliest due time is its first entry.</summary>
    public const string Stats = "SELECT count(*), min(due_at) FROM {schema}.durable_timer";
}
