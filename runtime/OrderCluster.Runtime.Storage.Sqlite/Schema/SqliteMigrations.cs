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
    ];
}
