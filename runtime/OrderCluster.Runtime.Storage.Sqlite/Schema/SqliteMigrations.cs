namespace OrderCluster.Runtime.Storage.Sqlite.Schema;

/// <summary>One numbered schema change.</summary>
internal sealed record SqliteMigration(int Id, string Description, string Sql);

/// <summary>
/// The schema, as the ordered list of migrations that build it. Append new migrations; never edit one that shipped,
/// because databases record which ids they already applied. Times are unix milliseconds (INTEGER), payloads JSON text.
/// </summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<SqliteMigration> All =
    [
        new(1, "grain state",
            """
            CREATE TABLE grain_state (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                state_name TEXT NOT NULL,
                payload TEXT NULL,
                version INTEGER NOT NULL CHECK (version > 0),
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)
            ) WITHOUT ROWID;
            """),
        new(2, "durable timers",
            """
            -- Timer versions come from one counter, so a timer deleted and created again never repeats a version
            -- that a claim may still hold.
            CREATE TABLE timer_version_counter (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last INTEGER NOT NULL
            );
            INSERT INTO timer_version_counter (id, last) VALUES (1, 0);

            CREATE TABLE durable_timer (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                name TEXT NOT NULL,
                hash INTEGER NOT NULL CHECK (hash BETWEEN 0 AND 4294967295),
                due_at INTEGER NOT NULL,
                period_ms INTEGER NULL,
                version INTEGER NOT NULL,
                lease_owner TEXT NULL,
                lease_until INTEGER NULL,
                PRIMARY KEY (grain_type, grain_key, name)
            );

            -- The claim reads a due-time range in due order: an index range scan, never the whole table.
            CREATE INDEX durable_timer_due ON durable_timer (due_at);
            """),
        new(3, "streams",
            """
            -- The last position of each partition and the last sequence number of each stream. Commits hold SQLite's
            -- single write lock from their first read of these rows to their end, so positions follow commit order.
            CREATE TABLE stream_partition (
                partition_id INTEGER NOT NULL PRIMARY KEY CHECK (partition_id >= 0),
                last_position INTEGER NOT NULL
            );

            CREATE TABLE stream_head (
                namespace TEXT NOT NULL,
                stream_key TEXT NOT NULL,
                last_sequence INTEGER NOT NULL,
                PRIMARY KEY (namespace, stream_key)
            ) WITHOUT ROWID;

            -- The events, clustered by the key readers range over: (partition, position). The secondary indexes of a
            -- WITHOUT ROWID table carry the primary key, so both are covering for the lookups they serve.
            CREATE TABLE stream_event (
                partition_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                namespace TEXT NOT NULL,
                stream_key TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (partition_id, position)
            ) WITHOUT ROWID;

            CREATE UNIQUE INDEX stream_event_stream ON stream_event (namespace, stream_key, sequence);
            CREATE INDEX stream_event_created ON stream_event (partition_id, created_at);

            CREATE TABLE stream_cursor (
                consumer_group TEXT NOT NULL,
                partition_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (consumer_group, partition_id)
            ) WITHOUT ROWID;

            -- AUTOINCREMENT: an id is never handed out twice, even after the newest dead letter is deleted.
            CREATE TABLE stream_dead_letter (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                consumer_group TEXT NOT NULL,
                partition_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                namespace TEXT NOT NULL,
                stream_key TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                event_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                error TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                failed_at INTEGER NOT NULL
            );

            CREATE INDEX stream_dead_letter_group ON stream_dead_letter (consumer_group, id);

            CREATE TABLE stream_subscription (
                id TEXT NOT NULL PRIMARY KEY,
                namespace TEXT NOT NULL,
                stream_key TEXT NULL,
                consumer_type TEXT NOT NULL,
                consumer_key TEXT NOT NULL,
                created_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
    ];
}
