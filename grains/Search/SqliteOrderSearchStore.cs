using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Search;
using OrderCluster.Runtime.Storage.Sqlite;

namespace OrderCluster.Grains.Search;

/// <summary>
/// The order search read model in SQLite (table <c>order_search</c> in the provider's file): an FTS5 table over the
/// document kept in step by triggers (external content, so the text is stored once), JSON1 for custom fields and tags,
/// an index on (tenant, created_at desc, order_id desc) for the newest-first cursor and a partial one on archived rows
/// (tenant, archived_at desc, order_id) for the archive search. Times are UTC ticks. Every
/// value is a parameter; the SQL text is fixed fragments.
/// </summary>
internal sealed class SqliteOrderSearchStore(SqliteReadModelDatabase database) : IOrderSearchStore
{
    internal static readonly (int Id, string Description, string Sql)[] Migrations =
    [
        (1001, "order search read model",
            """
            CREATE TABLE order_search (
                tenant_id TEXT NOT NULL,
                order_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                last_sequence INTEGER NOT NULL,
                status TEXT NOT NULL,
                channel TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                customer_name TEXT NULL,
                client_reference TEXT NULL,
                priority TEXT NOT NULL,
                tags TEXT NOT NULL,
                total REAL NOT NULL,
                total_text TEXT NOT NULL,
                currency TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                custom_fields TEXT NOT NULL,
                assignee TEXT NULL,
                archived INTEGER NOT NULL,
                document TEXT NOT NULL,
                PRIMARY KEY (tenant_id, order_id)
            );
            CREATE INDEX order_search_newest ON order_search (tenant_id, created_at DESC, order_id DESC);
            CREATE VIRTUAL TABLE order_search_words USING fts5(document, content='order_search', content_rowid='rowid');
            CREATE TRIGGER order_search_inserted AFTER INSERT ON order_search BEGIN
                INSERT INTO order_search_words (rowid, document) VALUES (new.rowid, new.document);
            END;
            CREATE TRIGGER order_search_deleted AFTER DELETE ON order_search BEGIN
                INSERT INTO order_search_words (order_search_words, rowid, document) VALUES ('delete', old.rowid, old.document);
            END;
            CREATE TRIGGER order_search_updated AFTER UPDATE ON order_search BEGIN
                INSERT INTO order_search_words (order_search_words, rowid, document) VALUES ('delete', old.rowid, old.document);
                INSERT INTO order_search_words (rowid, document) VALUES (new.rowid, new.document);
            END;
            """),
        (1002, "order search by customer",
            """
            CREATE INDEX order_search_customer ON order_search (tenant_id, customer_id, created_at DESC, order_id DESC);
            """),
        (1003, "order search archive time",
            """
            ALTER TABLE order_search ADD COLUMN archived_at INTEGER NULL;
            -- Rows archived before this column: an archived order takes no commands, so its last update is its archiving.
            UPDATE order_search SET archived_at = updated_at WHERE archived = 1;
            CREATE INDEX order_search_archived ON order_search (tenant_id, archived_at DESC, order_id) WHERE archived = 1;
            """),
    ];

    private const string Columns =
        "tenant_id, order_id, version, last_sequence, status, channel, customer_id, customer_name, client_reference, priority, tags, total_text, currency, created_at, updated_at, custom_fields, assignee, archived, document, archived_at";

    private const string Upsert =
        """
        INSERT INTO order_search (tenant_id, order_id, version, last_sequence, status, channel, customer_id, customer_name, client_reference,
            priority, tags, total, total_text, currency, created_at, updated_at, custom_fields, assignee, archived, document, archived_at)
        VALUES ($tenant, $order, $version, $sequence, $status, $channel, $customer, $customerName, $reference,
            $priority, $tags, $total, $totalText, $currency, $created, $updated, $fields, $assignee, $archived, $document, $archivedAt)
        ON CONFLICT (tenant_id, order_id) DO UPDATE SET
            version = excluded.version, last_sequence = excluded.last_sequence, status = excluded.status, channel = excluded.channel,
            customer_id = excluded.customer_id, customer_name = excluded.customer_name, client_reference = excluded.client_reference,
            priority = excluded.priority, tags = excluded.tags, total = excluded.total, total_text = excluded.total_text, currency = excluded.currency,
            created_at = excluded.created_at, updated_at = excluded.updated_at, custom_fields = excluded.custom_fields,
            assignee = excluded.assignee, archived = excluded.archived, document = excluded.document, archived_at = excluded.archived_at
        WHERE order_search.version < excluded.version
        """;

    private readonly Lazy<Task> _migrated = new(() => database.MigrateAsync(Migrations, CancellationToken.None));

    public async Task<int> UpsertAsync(IReadOnlyList<OrderSearchRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return 0;
        await _migrated.Value;
        return await database.WriteAsync(write =>
        {
            var changed = 0;
            foreach (var r in rows)
            {
                changed += write.Execute(Upsert, r.TenantId, r.OrderId, r.Version, r.LastSequence, r.Status, r.Channel.ToString(), r.CustomerId,
                    r.CustomerName, r.ClientReference, r.Priority.ToString(), JsonSerializer.Serialize(r.Tags.ToArray(), OrderSearchJson.Default.StringArray),
                    (double)r.Total, r.Total.ToString(CultureInfo.InvariantCulture), r.Currency, r.CreatedAt.UtcTicks, r.UpdatedAt.UtcTicks,
                    JsonSerializer.Serialize(r.CustomFields, OrderSearchJson.Default.ImmutableSortedDictionaryStringString), r.Assignee, r.Archived ? 1 : 0, r.Document,
                    r.ArchivedAt?.UtcTicks);
            }

            return changed;
        }, cancellationToken);
    }

    public async Task<ImmutableArray<OrderSearchRow>> SearchAsync(string tenantId, OrderSearchQuery query, CancellationToken cancellationToken)
    {
        await _migrated.Value;
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        BuildSearch(command, tenantId, query);
        return await ReadRowsAsync(command, cancellationToken);
    }

    public async Task<OrderSearchRow?> FindAsync(string tenantId, string orderId, CancellationToken cancellationToken)
    {
        await _migrated.Value;
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM order_search WHERE tenant_id = $tenant AND order_id = $order";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$order", orderId);
        var rows = await ReadRowsAsync(command, cancellationToken);
        return rows.IsEmpty ? null : rows[0];
    }

    /// <summary>The search statement: fixed fragments joined with AND, each value a named parameter.</summary>
    internal static void BuildSearch(SqliteCommand command, string tenantId, OrderSearchQuery q)
    {
        var where = new StringBuilder();
        string Add(object value)
        {
            var name = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            return name;
        }

        // Archived as a literal: the partial index of archived rows is only usable when the query says archived = 1.
        where.Append($"tenant_id = {Add(tenantId)} AND archived = {(q.Archived ? "1" : "0")}");
        if (q.ArchivedFrom is { } archivedFrom) where.Append($" AND archived_at >= {Add(archivedFrom.UtcTicks)}");
        if (q.ArchivedTo is { } archivedTo) where.Append($" AND archived_at < {Add(archivedTo.UtcTicks)}");
        if (q.Status is not null) where.Append($" AND status = {Add(q.Status)}");
        if (q.Channel is { } channel) where.Append($" AND channel = {Add(channel.ToString())}");
        if (q.CustomerId is not null) where.Append($" AND customer_id = {Add(q.CustomerId)}");
        if (q.Tag is not null) where.Append($" AND EXISTS (SELECT 1 FROM json_each(order_search.tags) WHERE value = {Add(q.Tag)})");
        if (q.Priority is { } priority) where.Append($" AND priority = {Add(priority.ToString())}");
        if (q.CreatedFrom is { } from) where.Append($" AND created_at >= {Add(from.UtcTicks)}");
        if (q.CreatedTo is { } to) where.Append($" AND created_at < {Add(to.UtcTicks)}");
        if (q.MinTotal is { } min) where.Append($" AND total >= {Add((double)min)}");
        if (q.MaxTotal is { } max) where.Append($" AND total <= {Add((double)max)}");
        if (q.Assignee is not null) where.Append($" AND assignee = {Add(q.Assignee)}");
        foreach (var (key, value) in q.CustomFields)
            where.Append($" AND EXISTS (SELECT 1 FROM json_each(order_search.custom_fields) WHERE key = {Add(key)} AND value = {Add(value)})");
        var words = OrderSearchDocument.QueryWords(q.Text);
        // Words are letters and digits only, quoted: the FTS5 query has no syntax but the prefix stars and ANDs added here.
        if (!words.IsEmpty)
            where.Append($" AND rowid IN (SELECT rowid FROM order_search_words WHERE order_search_words MATCH {Add(string.Join(" AND ", words.Select(w => $"\"{w}\"*")))})");
        if (q.After is { } after)
        {
            var at = Add(after.CreatedAt.UtcTicks);
            where.Append($" AND (created_at < {at} OR (created_at = {at} AND order_id < {Add(after.OrderId)}))");
        }

        if (q.AfterArchived is { } afterArchived)
        {
            var at = Add(afterArchived.ArchivedAt.UtcTicks);
            // The plain bound lets the index range start at the cursor; the OR picks the rows after it.
            where.Append($" AND archived_at <= {at} AND (archived_at < {at} OR (archived_at = {at} AND order_id > {Add(afterArchived.OrderId)}))");
        }

        var byArchive = q.Sort == OrderSearchSort.RecentlyArchived;
        if (byArchive) where.Append(" AND archived_at IS NOT NULL");
        var order = byArchive ? "archived_at DESC, order_id" : "created_at DESC, order_id DESC";
        command.CommandText = $"SELECT {Columns} FROM order_search WHERE {where} ORDER BY {order} LIMIT {Add(q.Limit)}";
    }

    private static async Task<ImmutableArray<OrderSearchRow>> ReadRowsAsync(SqliteCommand command, CancellationToken cancellationToken)
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
                Priority = Enum.Parse<OrderPriority>(reader.GetString(9)),
                Tags = [.. JsonSerializer.Deserialize(reader.GetString(10), OrderSearchJson.Default.StringArray) ?? []],
                Total = decimal.Parse(reader.GetString(11), NumberStyles.Number, CultureInfo.InvariantCulture), Currency = reader.GetString(12),
                CreatedAt = new DateTimeOffset(reader.GetInt64(13), TimeSpan.Zero), UpdatedAt = new DateTimeOffset(reader.GetInt64(14), TimeSpan.Zero),
                CustomFields = JsonSerializer.Deserialize(reader.GetString(15), OrderSearchJson.Default.ImmutableSortedDictionaryStringString)
                               ?? ImmutableSortedDictionary<string, string>.Empty,
                Assignee = reader.IsDBNull(16) ? null : reader.GetString(16), Archived = reader.GetInt64(17) != 0, Document = reader.GetString(18),
                ArchivedAt = reader.IsDBNull(19) ? null : new DateTimeOffset(reader.GetInt64(19), TimeSpan.Zero),
            });
        }

        return rows.ToImmutable();
    }
}
