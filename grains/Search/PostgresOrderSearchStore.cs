using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Search;
using OrderCluster.Runtime.Storage.Postgres;

namespace OrderCluster.Grains.Search;

/// <summary>
/// The order search read model in PostgreSQL (table <c>order_search</c> in the provider's schema): GIN indexes on the
/// custom-fields jsonb, on the tags array and on a generated tsvector of the document; a btree on (tenant, created_at
/// desc, order_id desc) serves the newest-first cursor, a partial one on archived rows (tenant, archived_at desc, order_id)
/// the archive search. Every value is a parameter; the SQL text is fixed fragments.
/// </summary>
internal sealed class PostgresOrderSearchStore(PostgresReadModelDatabase database) : IOrderSearchStore
{
    internal static readonly (int Id, string Description, string Sql)[] Migrations =
    [
        (1001, "order search read model",
            """
            CREATE TABLE {schema}.order_search (
                tenant_id text COLLATE "C" NOT NULL,
                order_id text COLLATE "C" NOT NULL,
                version bigint NOT NULL,
                last_sequence bigint NOT NULL,
                status text NOT NULL,
                channel text NOT NULL,
                customer_id text NOT NULL,
                customer_name text NULL,
                client_reference text NULL,
                priority text NOT NULL,
                tags text[] NOT NULL,
                total numeric NOT NULL,
                currency text NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                custom_fields jsonb NOT NULL,
                assignee text NULL,
                archived boolean NOT NULL,
                document text NOT NULL,
                document_words tsvector GENERATED ALWAYS AS (to_tsvector('simple', document)) STORED,
                CONSTRAINT order_search_pk PRIMARY KEY (tenant_id, order_id)
            );

            -- Pages newest first: a range scan from the cursor.
            CREATE INDEX order_search_newest ON {schema}.order_search (tenant_id, created_at DESC, order_id DESC);
            -- Containment (@>) on custom fields and tags, and word-prefix full text, without reading the table.
            CREATE INDEX order_search_custom_fields ON {schema}.order_search USING gin (custom_fields jsonb_path_ops);
            CREATE INDEX order_search_tags ON {schema}.order_search USING gin (tags);
            CREATE INDEX order_search_words ON {schema}.order_search USING gin (document_words);
            """),
        (1002, "order search by customer",
            """
            -- A customer's orders newest first: few rows per customer, so the newest-first scan would read far.
            CREATE INDEX order_search_customer ON {schema}.order_search (tenant_id, customer_id, created_at DESC, order_id DESC);
            """),
        (1003, "order search archive time",
            """
            ALTER TABLE {schema}.order_search ADD COLUMN archived_at timestamptz NULL;
            -- Rows archived before this column: an archived order takes no commands, so its last update is its archiving.
            UPDATE {schema}.order_search SET archived_at = updated_at WHERE archived;
            -- The archive search pages most recently archived first; live orders (most rows) stay out of the index.
            CREATE INDEX order_search_archived ON {schema}.order_search (tenant_id, archived_at DESC, order_id) WHERE archived;
            """),
    ];

    private const string Columns =
        "tenant_id, order_id, version, last_sequence, status, channel, customer_id, customer_name, client_reference, priority, tags, total, currency, created_at, updated_at, custom_fields, assignee, archived, document, archived_at";

    private const string Upsert =
        $$"""
        INSERT INTO {schema}.order_search ({{Columns}})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
        ON CONFLICT (tenant_id, order_id) DO UPDATE SET
            version = excluded.version, last_sequence = excluded.last_sequence, status = excluded.status, channel = excluded.channel,
            customer_id = excluded.customer_id, customer_name = excluded.customer_name, client_reference = excluded.client_reference,
            priority = excluded.priority, tags = excluded.tags, total = excluded.total, currency = excluded.currency,
            created_at = excluded.created_at, updated_at = excluded.updated_at, custom_fields = excluded.custom_fields,
            assignee = excluded.assignee, archived = excluded.archived, document = excluded.document, archived_at = excluded.archived_at
        WHERE order_search.version < excluded.version
        """;

    private readonly Lazy<Task> _migrated = new(() => database.MigrateAsync(Migrations, CancellationToken.None));

    public async Task<int> UpsertAsync(IReadOnlyList<OrderSearchRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return 0;
        await _migrated.Value;
        await using var batch = database.CreateBatch();
        var sql = database.Sql(Upsert);
        foreach (var r in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(P(r.TenantId));
            command.Parameters.Add(P(r.OrderId));
            command.Parameters.Add(P(r.Version));
            command.Parameters.Add(P(r.LastSequence));
            command.Parameters.Add(P(r.Status));
            command.Parameters.Add(P(r.Channel.ToString()));
            command.Parameters.Add(P(r.CustomerId));
            command.Parameters.Add(P(r.CustomerName));
            command.Parameters.Add(P(r.ClientReference));
            command.Parameters.Add(P(r.Priority.ToString()));
            command.Parameters.Add(P(r.Tags.ToArray()));
            command.Parameters.Add(P(r.Total));
            command.Parameters.Add(P(r.Currency));
            command.Parameters.Add(P(r.CreatedAt.UtcDateTime));
            command.Parameters.Add(P(r.UpdatedAt.UtcDateTime));
            command.Parameters.Add(PostgresReadModelParameters.Jsonb(JsonSerializer.Serialize(r.CustomFields, OrderSearchJson.Default.ImmutableSortedDictionaryStringString)));
            command.Parameters.Add(P(r.Assignee));
            command.Parameters.Add(P(r.Archived));
            command.Parameters.Add(P(r.Document));
            command.Parameters.Add(r.ArchivedAt is { } archivedAt ? P(archivedAt.UtcDateTime) : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(command);
        }

        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ImmutableArray<OrderSearchRow>> SearchAsync(string tenantId, OrderSearchQuery query, CancellationToken cancellationToken)
    {
        await _migrated.Value;
        var (sql, parameters) = BuildSearch(tenantId, query);
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        return await ReadRowsAsync(command, cancellationToken);
    }

    public async Task<OrderSearchRow?> FindAsync(string tenantId, string orderId, CancellationToken cancellationToken)
    {
        await _migrated.Value;
        await using var command = database.CreateCommand($"SELECT {Columns} FROM {{schema}}.order_search WHERE tenant_id = $1 AND order_id = $2");
        command.Parameters.Add(P(tenantId));
        command.Parameters.Add(P(orderId));
        var rows = await ReadRowsAsync(command, cancellationToken);
        return rows.IsEmpty ? null : rows[0];
    }

    /// <summary>The search statement: fixed fragments joined with AND, each value a positional parameter.</summary>
    internal static (string Sql, List<NpgsqlParameter> Parameters) BuildSearch(string tenantId, OrderSearchQuery q)
    {
        var parameters = new List<NpgsqlParameter>();
        var where = new StringBuilder();
        string Add(NpgsqlParameter p)
        {
            parameters.Add(p);
            return "$" + parameters.Count;
        }

        // Archived as a literal: the partial index of archived rows is only usable when the query says archived.
        where.Append($"tenant_id = {Add(P(tenantId))} AND {(q.Archived ? "archived" : "NOT archived")}");
        if (q.ArchivedFrom is { } archivedFrom) where.Append($" AND archived_at >= {Add(P(archivedFrom.UtcDateTime))}");
        if (q.ArchivedTo is { } archivedTo) where.Append($" AND archived_at < {Add(P(archivedTo.UtcDateTime))}");
        if (q.Status is not null) where.Append($" AND status = {Add(P(q.Status))}");
        if (q.Channel is { } channel) where.Append($" AND channel = {Add(P(channel.ToString()))}");
        if (q.CustomerId is not null) where.Append($" AND customer_id = {Add(P(q.CustomerId))}");
        if (q.Tag is not null) where.Append($" AND tags @> ARRAY[{Add(P(q.Tag))}]::text[]");
        if (q.Priority is { } priority) where.Append($" AND priority = {Add(P(priority.ToString()))}");
        if (q.CreatedFrom is { } from) where.Append($" AND created_at >= {Add(P(from.UtcDateTime))}");
        if (q.CreatedTo is { } to) where.Append($" AND created_at < {Add(P(to.UtcDateTime))}");
        if (q.MinTotal is { } min) where.Append($" AND total >= {Add(P(min))}");
        if (q.MaxTotal is { } max) where.Append($" AND total <= {Add(P(max))}");
        if (q.Assignee is not null) where.Append($" AND assignee = {Add(P(q.Assignee))}");
        if (!q.CustomFields.IsEmpty)
            where.Append($" AND custom_fields @> {Add(PostgresReadModelParameters.Jsonb(JsonSerializer.Serialize(q.CustomFields, OrderSearchJson.Default.ImmutableSortedDictionaryStringString)))}");
        var words = OrderSearchDocument.QueryWords(q.Text);
        // Words are letters and digits only, so the tsquery text has no operators but the ones added here.
        if (!words.IsEmpty) where.Append($" AND document_words @@ to_tsquery('simple', {Add(P(string.Join(" & ", words.Select(w => w + ":*"))))})");
        if (q.After is { } after)
            where.Append($" AND (created_at, order_id) < ({Add(P(after.CreatedAt.UtcDateTime))}, {Add(P(after.OrderId))})");
        if (q.AfterArchived is { } afterArchived)
        {
            var at = Add(P(afterArchived.ArchivedAt.UtcDateTime));
            // The plain bound lets the index range start at the cursor; the OR picks the rows after it.
            where.Append($" AND archived_at <= {at} AND (archived_at < {at} OR (archived_at = {at} AND order_id > {Add(P(afterArchived.OrderId))}))");
        }

        var byArchive = q.Sort == OrderSearchSort.RecentlyArchived;
        if (byArchive) where.Append(" AND archived_at IS NOT NULL");
        var order = byArchive ? "archived_at DESC, order_id" : "created_at DESC, order_id DESC";
        var sql = $"SELECT {Columns} FROM {{schema}}.order_search WHERE {where} ORDER BY {order} LIMIT {Add(P(q.Limit))}";
        return (sql, parameters);
    }

    private static async Task<ImmutableArray<OrderSearchRow>> ReadRowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = ImmutableArray.CreateBuilder<OrderSearchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OrderSearchRow
            {
                TenantId = reader.GetString(0), OrderId = reader.GetString(1), Version = reader.GetInt64(2), LastSequence = reader.GetInt64(3),
                Status = reader.GetString(4), Channel = Enum.Parse<ChannelKind>(reader.GetString(5)), CustomerId = reader.GetString(6),
                CustomerName = reader.IsDBNull(7) ? null : reader.GetString(7), ClientReference = reader.IsDBNull(8) ? null : reader.GetString(8),
                Priority = Enum.Parse<OrderPriority>(reader.GetString(9)), Tags = [.. reader.GetFieldValue<string[]>(10)], Total = reader.GetDecimal(11),
                Currency = reader.GetString(12), CreatedAt = new DateTimeOffset(reader.GetDateTime(13), TimeSpan.Zero),
                UpdatedAt = new DateTimeOffset(reader.GetDateTime(14), TimeSpan.Zero),
                CustomFields = JsonSerializer.Deserialize(reader.GetString(15), OrderSearchJson.Default.ImmutableSortedDictionaryStringString)
                               ?? ImmutableSortedDictionary<string, string>.Empty,
                Assignee = reader.IsDBNull(16) ? null : reader.GetString(16), Archived = reader.GetBoolean(17), Document = reader.GetString(18),
                ArchivedAt = reader.IsDBNull(19) ? null : new DateTimeOffset(reader.GetDateTime(19), TimeSpan.Zero),
            });
        }

        return rows.ToImmutable();
    }

    private static NpgsqlParameter P<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };
}

/// <summary>Parameters whose type Npgsql cannot infer from the CLR value.</summary>
internal static class PostgresReadModelParameters
{
    public static NpgsqlParameter Jsonb(string json) => new NpgsqlParameter<string> { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb };
}
