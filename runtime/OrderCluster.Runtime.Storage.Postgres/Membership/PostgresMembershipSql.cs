namespace OrderCluster.Runtime.Storage.Postgres.Membership;

/// <summary>The membership table's statements.</summary>
internal static class PostgresMembershipSql
{
    /// <summary>The version and every row in one statement, so both come from one snapshot.</summary>
    public const string Read =
        """
        WITH v AS (SELECT coalesce((SELECT version FROM {schema}.cluster_version WHERE cluster = $1), 0) AS version)
        SELECT v.version, m.host, m.port, m.generation, m.status, m.instance_id, m.silo_name, m.http_address,
               m.started_at, m.heartbeat_at, m.suspicions::text
        FROM v LEFT JOIN {schema}.cluster_member m ON m.cluster = $1
        ORDER BY m.host, m.port, m.generation
        """;

    /// <summary>
    /// Moves the version from $2 to the next (creating it when $2 is 0 and none exists) and, only if that
    /// happened, upserts the row. Returns one row on success, none when the version had moved.
    /// </summary>
    public const string TryWrite =
        """
        WITH bumped AS (
            UPDATE {schema}.cluster_version SET version = version + 1 WHERE cluster = $1 AND version = $2 RETURNING version
        ),
        created AS (
            INSERT INTO {schema}.cluster_version (cluster, version) SELECT $1, 1 WHERE $2 = 0
            ON CONFLICT (cluster) DO NOTHING RETURNING version
        ),
        moved AS (SELECT version FROM bumped UNION ALL SELECT version FROM created)
        INSERT INTO {schema}.cluster_member AS m
            (cluster, host, port, generation, status, instance_id, silo_name, http_address, started_at, heartbeat_at, suspicions)
        SELECT $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb FROM moved
        ON CONFLICT (cluster, host, port, generation) DO UPDATE SET
            status = excluded.status, instance_id = excluded.instance_id, silo_name = excluded.silo_name,
            http_address = excluded.http_address, started_at = excluded.started_at,
            heartbeat_at = greatest(m.heartbeat_at, excluded.heartbeat_at), suspicions = excluded.suspicions
        RETURNING 1
        """;

    public const string Heartbeat =
        """
        UPDATE {schema}.cluster_member SET heartbeat_at = greatest(heartbeat_at, $5)
        WHERE cluster = $1 AND host = $2 AND port = $3 AND generation = $4
        """;

    public const string Cleanup =
        """
        DELETE FROM {schema}.cluster_member WHERE cluster = $1 AND status = 'Dead' AND heartbeat_at < $2
        """;
}
