namespace OrderCluster.Runtime.Storage.Postgres.Schema;

/// <summary>One numbered schema change. <c>{schema}</c> in its SQL stands for the quoted schema name.</summary>
internal sealed record PostgresMigration(int Id, string Description, string Sql);

/// <summary>
/// The schema, as the ordered list of migrations that build it. Append new migrations; never edit one that shipped,
/// because databases record which ids they already applied.
/// </summary>
internal static class PostgresMigrations
{
    public static readonly IReadOnlyList<PostgresMigration> All =
    [
        new(1, "grain state",
            """
            CREATE TABLE {schema}.grain_state (
                grain_type text COLLATE "C" NOT NULL,
                grain_key text COLLATE "C" NOT NULL,
                state_name text COLLATE "C" NOT NULL,
                payload jsonb NULL,
                version bigint NOT NULL CHECK (version > 0),
                updated_at timestamptz NOT NULL,
                CONSTRAINT grain_state_pk PRIMARY KEY (grain_type, grain_key, state_name)
            );
            """),
        new(2, "durable timers",
            """
            -- Timer versions come from one sequence, so a timer deleted and created again never repeats a version
            -- that a silo may still hold from an old claim.
            CREATE SEQUENCE {schema}.durable_timer_version AS bigint;

            -- fillfactor leaves room on each page so a claim (which changes only lease columns, none indexed)
            -- is a HOT update that touches no index.
            CREATE TABLE {schema}.durable_timer (
                grain_type text COLLATE "C" NOT NULL,
                grain_key text COLLATE "C" NOT NULL,
                name text COLLATE "C" NOT NULL,
                hash bigint NOT NULL CHECK (hash BETWEEN 0 AND 4294967295),
                due_at timestamptz NOT NULL,
                period_ms bigint NULL,
                version bigint NOT NULL,
                lease_owner text NULL,
                lease_until timestamptz NULL,
                CONSTRAINT durable_timer_pk PRIMARY KEY (grain_type, grain_key, name)
            ) WITH (fillfactor = 80);

            -- The claim reads a due-time range in due order: an index range scan, never the whole table.
            CREATE INDEX durable_timer_due ON {schema}.durable_timer (due_at);
            """),
        new(3, "cluster membership",
            """
            -- One version per cluster: every membership change moves it by compare-and-swap.
            CREATE TABLE {schema}.cluster_version (
                cluster text COLLATE "C" NOT NULL PRIMARY KEY,
                version bigint NOT NULL
            );

            -- One row per run of a silo (address and generation).
            CREATE TABLE {schema}.cluster_member (
                cluster text COLLATE "C" NOT NULL,
                host text COLLATE "C" NOT NULL,
                port integer NOT NULL,
                generation bigint NOT NULL,
                status text NOT NULL CHECK (status IN ('Joining', 'Active', 'ShuttingDown', 'Dead')),
                instance_id text NOT NULL,
                silo_name text NOT NULL,
                http_address text NULL,
                started_at timestamptz NOT NULL,
                heartbeat_at timestamptz NOT NULL,
                suspicions jsonb NOT NULL DEFAULT '[]',
                CONSTRAINT cluster_member_pk PRIMARY KEY (cluster, host, port, generation)
            );
            """),
        new(4, "streams",
            """
            -- The last position of each partition. A commit that appends to a partition adds to its row (a row lock held
            -- until the commit ends), so positions within a partition follow commit order. fillfactor keeps the constant
            -- updates HOT.
            CREATE TABLE {schema}.stream_partition (
                partition_id integer NOT NULL CHECK (partition_id >= 0),
                last_position bigint NOT NULL CHECK (last_position >= 0),
                CONSTRAINT stream_partition_pk PRIMARY KEY (partition_id)
            ) WITH (fillfactor = 50);

            -- The last sequence number of each stream, locked and moved the same way.
            CREATE TABLE {schema}.stream_head (
                namespace text COLLATE "C" NOT NULL,
                stream_key text COLLATE "C" NOT NULL,
                last_sequence bigint NOT NULL CHECK (last_sequence >= 0),
                CONSTRAINT stream_head_pk PRIMARY KEY (namespace, stream_key)
            ) WITH (fillfactor = 70);

            -- The events, clustered by the key readers range over: (partition, position).
            CREATE TABLE {schema}.stream_event (
                partition_id integer NOT NULL,
                position bigint NOT NULL,
                namespace text COLLATE "C" NOT NULL,
                stream_key text COLLATE "C" NOT NULL,
                sequence bigint NOT NULL,
                event_type text NOT NULL,
                payload jsonb NOT NULL,
                created_at timestamptz NOT NULL,
                CONSTRAINT stream_event_pk PRIMARY KEY (partition_id, position),
                CONSTRAINT stream_event_stream UNIQUE (namespace, stream_key, sequence)
            );

            -- "The last position created before a time": one descent to the latest event before the time, then a short
            -- range of this index (covering: no heap access once the pages are all-visible).
            CREATE INDEX stream_event_created ON {schema}.stream_event (partition_id, created_at) INCLUDE (position);

            -- The committed cursor of each consumer group in each partition.
            CREATE TABLE {schema}.stream_cursor (
                consumer_group text COLLATE "C" NOT NULL,
                partition_id integer NOT NULL,
                position bigint NOT NULL,
                CONSTRAINT stream_cursor_pk PRIMARY KEY (consumer_group, partition_id)
            );

            -- Events a consumer group gave up on, with the whole event.
            CREATE TABLE {schema}.stream_dead_letter (
                id bigint GENERATED ALWAYS AS IDENTITY,
                consumer_group text COLLATE "C" NOT NULL,
                partition_id integer NOT NULL,
                position bigint NOT NULL,
                namespace text COLLATE "C" NOT NULL,
                stream_key text COLLATE "C" NOT NULL,
                sequence bigint NOT NULL,
                event_type text NOT NULL,
                payload jsonb NOT NULL,
                created_at timestamptz NOT NULL,
                error text NOT NULL,
                attempts integer NOT NULL,
                failed_at timestamptz NOT NULL,
                CONSTRAINT stream_dead_letter_pk PRIMARY KEY (id)
            );

            CREATE INDEX stream_dead_letter_group ON {schema}.stream_dead_letter (consumer_group, id);

            -- Explicit subscriptions (the id is also the consumer group).
            CREATE TABLE {schema}.stream_subscription (
                id text COLLATE "C" NOT NULL,
                namespace text COLLATE "C" NOT NULL,
                stream_key text COLLATE "C" NULL,
                consumer_type text COLLATE "C" NOT NULL,
                consumer_key text COLLATE "C" NOT NULL,
                created_at timestamptz NOT NULL,
                CONSTRAINT stream_subscription_pk PRIMARY KEY (id)
            );
            """),
    ];
}
