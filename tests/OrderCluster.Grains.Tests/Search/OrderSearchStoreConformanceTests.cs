using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Search;

namespace OrderCluster.Grains.Tests.Search;

/// <summary>
/// What every order search store must do, run against PostgreSQL, SQLite and memory: every filter, custom fields, free
/// text, cursor paging while rows arrive, idempotent and ordered upserts, injection strings, tenant isolation. Each
/// test works in a tenant of its own, so the tests of a class share one database.
/// </summary>
public abstract class OrderSearchStoreConformanceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The strings an attacker would try; none may break a query or widen what it finds.</summary>
    public static readonly string[] InjectionStrings =
    [
        "' OR '1'='1", "x'; DROP TABLE order_search; --", "\" OR 1=1 --", "%", "_", "*", "north' OR 'a'='a", "') OR ('1'='1",
        "\\", "$1", "{schema}", "a:* | b:*", "NEAR(a b)", "\"north\"*", "'; SELECT pg_sleep(1); --", "$.region", "]'",
    ];

    protected abstract IOrderSearchStore Store { get; }

    protected static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    protected static OrderSearchRow Row(string tenant, string orderId, int minutes, Action<RowOptions>? configure = null)
    {
        var o = new RowOptions();
        configure?.Invoke(o);
        var row = new OrderSearchRow
        {
            TenantId = tenant, OrderId = orderId, Version = o.Version, LastSequence = o.Version, Status = o.Status, Channel = o.Channel,
            CustomerId = o.CustomerId, CustomerName = o.CustomerName, ClientReference = o.ClientReference, Priority = o.Priority,
            Tags = [.. o.Tags], Total = o.Total, Currency = "EUR", CreatedAt = T0.AddMinutes(minutes), UpdatedAt = T0.AddMinutes(minutes + 1),
            CustomFields = o.CustomFields.ToImmutableSortedDictionary(StringComparer.Ordinal), Assignee = o.Assignee, Archived = o.Archived || o.ArchivedAt is not null,
            ArchivedAt = o.ArchivedAt,
        };
        return row with { Document = string.Join(' ', new[] { orderId, o.ClientReference, o.CustomerId, o.CustomerName, o.Email, o.City, o.Sku }.SelectMany(OrderSearchDocument.Words).Concat(o.Tags)) };
    }

    protected sealed class RowOptions
    {
        public long Version { get; set; } = 1;
        public string Status { get; set; } = "placed";
        public ChannelKind Channel { get; set; } = ChannelKind.Online;
        public string CustomerId { get; set; } = "c-1";
        public string? CustomerName { get; set; } = "Ana Lima";
        public string? Email { get; set; } = "ana@example.com";
        public string? City { get; set; } = "Porto";
        public string? Sku { get; set; } = "SKU-100";
        public string? ClientReference { get; set; }
        public OrderPriority Priority { get; set; } = OrderPriority.Normal;
        public List<string> Tags { get; set; } = [];
        public decimal Total { get; set; } = 10m;
        public Dictionary<string, string> CustomFields { get; set; } = [];
        public string? Assignee { get; set; }
        public bool Archived { get; set; }
        public DateTimeOffset? ArchivedAt { get; set; }
    }

    private async Task<string[]> FindAsync(string tenant, OrderSearchQuery query) =>
        [.. (await Store.SearchAsync(tenant, query, CancellationToken.None)).Select(r => r.OrderId)];

    [Fact]
    public async Task Every_filter_finds_exactly_the_matching_orders()
    {
        var t = NewTenant();
        await Store.UpsertAsync(
        [
            Row(t, "o1", 1, o => { o.Status = "shipped"; o.Channel = ChannelKind.Phone; o.Total = 5m; }),
            Row(t, "o2", 2, o => { o.CustomerId = "c-2"; o.Tags = ["vip", "gift"]; o.Total = 50m; }),
            Row(t, "o3", 3, o => { o.Priority = OrderPriority.Urgent; o.Total = 100.5m; o.Assignee = "user-7"; }),
            Row(t, "o4", 4, o => { o.Tags = ["gift"]; o.Total = 200m; o.Channel = ChannelKind.Marketplace; }),
        ], CancellationToken.None);

        Assert.Equal(["o4", "o3", "o2", "o1"], await FindAsync(t, new OrderSearchQuery()));
        Assert.Equal(["o1"], await FindAsync(t, new OrderSearchQuery { Status = "shipped" }));
        Assert.Equal(["o1"], await FindAsync(t, new OrderSearchQuery { Channel = ChannelKind.Phone }));
        Assert.Equal(["o2"], await FindAsync(t, new OrderSearchQuery { CustomerId = "c-2" }));
        Assert.Equal(["o4", "o2"], await FindAsync(t, new OrderSearchQuery { Tag = "gift" }));
        Assert.Equal(["o2"], await FindAsync(t, new OrderSearchQuery { Tag = "vip" }));
        Assert.Equal(["o3"], await FindAsync(t, new OrderSearchQuery { Priority = OrderPriority.Urgent }));
        Assert.Equal(["o3", "o2"], await FindAsync(t, new OrderSearchQuery { CreatedFrom = T0.AddMinutes(2), CreatedTo = T0.AddMinutes(4) }));
        Assert.Equal(["o3", "o2"], await FindAsync(t, new OrderSearchQuery { MinTotal = 50m, MaxTotal = 100.5m }));
        Assert.Equal(["o3"], await FindAsync(t, new OrderSearchQuery { Assignee = "user-7" }));
        Assert.Equal(["o4"], await FindAsync(t, new OrderSearchQuery { Tag = "gift", Channel = ChannelKind.Marketplace, MinTotal = 150m }));
        Assert.Empty(await FindAsync(t, new OrderSearchQuery { Status = "shipped", Tag = "gift" }));
    }

    [Fact]
    public async Task Custom_fields_filter_by_equality_and_all_given_fields_must_match()
    {
        var t = NewTenant();
        await Store.UpsertAsync(
        [
            Row(t, "o1", 1, o => o.CustomFields = new() { ["region"] = "north", ["gift"] = "true" }),
            Row(t, "o2", 2, o => o.CustomFields = new() { ["region"] = "north", ["gift"] = "false" }),
            Row(t, "o3", 3, o => o.CustomFields = new() { ["region"] = "south" }),
            Row(t, "o4", 4),
        ], CancellationToken.None);

        Assert.Equal(["o2", "o1"], await FindAsync(t, new OrderSearchQuery { CustomFields = Fields(("region", "north")) }));
        Assert.Equal(["o1"], await FindAsync(t, new OrderSearchQuery { CustomFields = Fields(("region", "north"), ("gift", "true")) }));
        Assert.Equal(["o3"], await FindAsync(t, new OrderSearchQuery { CustomFields = Fields(("region", "south")) }));
        Assert.Empty(await FindAsync(t, new OrderSearchQuery { CustomFields = Fields(("region", "North")) }));
        Assert.Empty(await FindAsync(t, new OrderSearchQuery { CustomFields = Fields(("colour", "north")) }));
    }

    [Fact]
    public async Task Free_text_matches_word_prefixes_of_every_searchable_field()
    {
        var t = NewTenant();
        await Store.UpsertAsync(
        [
            Row(t, "0193ab77cd", 1, o => { o.CustomerName = "Bruno Costa"; o.Email = "bruno@shop.example"; o.City = "Lisboa"; o.Sku = "LAMP-42"; o.ClientReference = "PO-9913"; }),
            Row(t, "0193ff0011", 2, o => { o.Tags = ["fragile"]; }),
        ], CancellationToken.None);

        Assert.Equal(["0193ab77cd"], await FindAsync(t, new OrderSearchQuery { Text = "0193ab" }));
        Assert.Equal(["0193ab77cd"], await FindAsync(t, new OrderSearchQuery { Text = "bruno costa" }));
        Assert.Equal(["0193ab77cd"], await FindAsync(t, new OrderSearchQuery { Text = "BRUNO@shop.example" }));
        Assert.Equal(["0193ab77cd"], await FindAsync(t, new OrderSearchQuery { Text = "lisb" }));
        Assert.Equal(["0193ab77cd"], await FindAsync(t, new OrderSearchQuery { Text = "lamp-42" }));
        Assert.Equal(["0193ab77cd"], await FindAsync(t, new OrderSearchQuery { Text = "PO-9913" }));
        Assert.Equal(["0193ff0011"], await FindAsync(t, new OrderSearchQuery { Text = "fragil" }));
        Assert.Equal(["0193ff0011"], await FindAsync(t, new OrderSearchQuery { Text = "porto ana" }));
        Assert.Empty(await FindAsync(t, new OrderSearchQuery { Text = "costa fragile" }));
        Assert.Empty(await FindAsync(t, new OrderSearchQuery { Text = "runo" }));
    }

    [Fact]
    public async Task Cursor_pages_return_every_order_once_newest_first_while_orders_are_inserted()
    {
        var t = NewTenant();
        await Store.UpsertAsync([.. Enumerable.Range(0, 25).Select(i => Row(t, $"o{i:D3}", i / 2))], CancellationToken.None); // pairs share a creation time
        var seen = new List<string>();
        OrderSearchPosition? after = null;
        var inserted = 0;
        while (true)
        {
            var page = await Store.SearchAsync(t, new OrderSearchQuery { Limit = 4, After = after }, CancellationToken.None);
            seen.AddRange(page.Select(r => r.OrderId));
            if (page.Length < 4) break;
            after = new OrderSearchPosition(page[^1].CreatedAt, page[^1].OrderId);
            // Newer orders arrive between pages (concurrently with the reader): they belong before the cursor.
            await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Store.UpsertAsync([Row(t, $"new{inserted++:D3}", 1000 + inserted)], CancellationToken.None)));
        }

        var expected = Enumerable.Range(0, 25).Select(i => $"o{i:D3}").OrderByDescending(id => int.Parse(id[1..]) / 2).ThenByDescending(id => id, StringComparer.Ordinal);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Upserts_are_idempotent_and_an_older_version_never_replaces_a_newer_row()
    {
        var t = NewTenant();
        var v3 = Row(t, "o1", 1, o => { o.Version = 3; o.Status = "shipped"; });
        var v2 = Row(t, "o1", 1, o => { o.Version = 2; o.Status = "approved"; });

        Assert.Equal(1, await Store.UpsertAsync([v3], CancellationToken.None));
        Assert.Equal(0, await Store.UpsertAsync([v3], CancellationToken.None));
        Assert.Equal(0, await Store.UpsertAsync([v2], CancellationToken.None));
        var stored = await Store.FindAsync(t, "o1", CancellationToken.None);
        Assert.Equal(3, stored!.Version);
        Assert.Equal("shipped", stored.Status);
        Assert.Equal(["o1"], await FindAsync(t, new OrderSearchQuery { Status = "shipped" }));
        Assert.Empty(await FindAsync(t, new OrderSearchQuery { Status = "approved" }));
    }

    [Fact]
    public async Task Many_concurrent_upserts_of_one_order_leave_the_highest_version()
    {
        var t = NewTenant();
        var versions = Enumerable.Range(1, 40).OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(versions.Select(v => Task.Run(() => Store.UpsertAsync([Row(t, "o1", 1, o => { o.Version = v; o.Status = $"s{v}"; o.Tags = [$"tag{v}"]; })], CancellationToken.None))));

        var stored = await Store.FindAsync(t, "o1", CancellationToken.None);
        Assert.Equal(40, stored!.Version);
        Assert.Equal("s40", stored.Status);
        Assert.Equal(["o1"], await FindAsync(t, new OrderSearchQuery { Tag = "tag40" }));
        Assert.Empty(await FindAsync(t, new OrderSearchQuery { Tag = "tag39" }));
    }

    [Fact]
    public async Task Injection_strings_in_every_filter_raise_no_error_and_find_nothing_extra()
    {
        var t = NewTenant();
        await Store.UpsertAsync([Row(t, "o1", 1, o => o.CustomFields = new() { ["region"] = "north" }), Row(t, "o2", 2)], CancellationToken.None);

        foreach (var bad in InjectionStrings)
        {
            Assert.Empty(await FindAsync(t, new OrderSearchQuery { Status = bad }));
            Assert.Empty(await FindAsync(t, new OrderSearchQuery { CustomerId = bad }));
            Assert.Empty(await FindAsync(t, new OrderSearchQuery { Tag = bad }));
            Assert.Empty(await FindAsync(t, new OrderSearchQuery { Assignee = bad }));
            Assert.Empty(await FindAsync(t, new OrderSearchQuery { CustomFields = Fields(("region", bad)) }));
            Assert.Empty(await FindAsync(t, new OrderSearchQuery { CustomFields = Fields((bad, "north")) }));
            Assert.Empty(await FindAsync(bad, new OrderSearchQuery()));
            Assert.Equal(["o2", "o1"], await FindAsync(t, new OrderSearchQuery { After = new OrderSearchPosition(T0.AddMinutes(10), bad) }));
            // Free text keeps only letters and digits: the words of the string may match (e.g. "or"), the syntax never runs.
            var text = await FindAsync(t, new OrderSearchQuery { Text = bad });
            Assert.True(text.Length == 0 || OrderSearchDocument.QueryWords(bad).All(w => "o1 o2 c 1 ana lima example com porto sku 100".Split(' ').Any(d => d.StartsWith(w))), bad);
        }

        Assert.Equal(["o2", "o1"], await FindAsync(t, new OrderSearchQuery())); // the table is still there, and whole
    }

    [Fact]
    public async Task Tenants_see_only_their_own_orders()
    {
        var a = NewTenant();
        var b = NewTenant();
        await Store.UpsertAsync([Row(a, "same-id", 1, o => o.Status = "a-status"), Row(b, "same-id", 1, o => o.Status = "b-status"), Row(b, "b-only", 2)], CancellationToken.None);

        Assert.Equal(["same-id"], await FindAsync(a, new OrderSearchQuery()));
        Assert.Equal("a-status", (await Store.SearchAsync(a, new OrderSearchQuery(), CancellationToken.None))[0].Status);
        Assert.Empty(await FindAsync(a, new OrderSearchQuery { Status = "b-status" }));
        Assert.Equal(["b-only", "same-id"], await FindAsync(b, new OrderSearchQuery()));
    }

    [Fact]
    public async Task Archived_orders_are_left_out_unless_asked_for()
    {
        var t = NewTenant();
        await Store.UpsertAsync([Row(t, "live", 1), Row(t, "old", 2, o => o.Archived = true)], CancellationToken.None);

        Assert.Equal(["live"], await FindAsync(t, new OrderSearchQuery()));
        Assert.Equal(["old"], await FindAsync(t, new OrderSearchQuery { Archived = true }));
    }

    [Fact]
    public async Task Archived_rows_keep_their_archive_time_and_the_archive_search_filters_and_orders_by_it()
    {
        var t = NewTenant();
        var a0 = T0.AddDays(90);
        // Created in the opposite order to archived: the archive order is not the creation order.
        await Store.UpsertAsync(
        [
            Row(t, "a1", 3, o => o.ArchivedAt = a0), Row(t, "a2", 2, o => o.ArchivedAt = a0.AddHours(1)), Row(t, "a3", 1, o => o.ArchivedAt = a0.AddHours(2)),
            Row(t, "live", 4),
        ], CancellationToken.None);
        OrderSearchQuery Archive(DateTimeOffset? from = null, DateTimeOffset? to = null) =>
            new() { Archived = true, Sort = OrderSearchSort.RecentlyArchived, ArchivedFrom = from, ArchivedTo = to };

        Assert.Equal(a0.AddHours(1), (await Store.FindAsync(t, "a2", CancellationToken.None))!.ArchivedAt);
        Assert.Null((await Store.FindAsync(t, "live", CancellationToken.None))!.ArchivedAt);
        Assert.Equal(["a3", "a2", "a1"], await FindAsync(t, Archive()));
        Assert.Equal(["a1", "a2", "a3"], await FindAsync(t, new OrderSearchQuery { Archived = true })); // newest created first, as before
        Assert.Equal(["a3", "a2"], await FindAsync(t, Archive(from: a0.AddHours(1))));
        Assert.Equal(["a2", "a1"], await FindAsync(t, Archive(to: a0.AddHours(2))));
        Assert.Equal(["a2"], await FindAsync(t, Archive(a0.AddHours(1), a0.AddHours(2))));
        Assert.Equal(["a2", "a3"], await FindAsync(t, new OrderSearchQuery { Archived = true, ArchivedFrom = a0.AddHours(1) }));
        Assert.Equal(["live"], await FindAsync(t, new OrderSearchQuery()));
        Assert.Empty(await FindAsync(t, new OrderSearchQuery { ArchivedFrom = a0.AddDays(-1000) })); // live orders have no archive time
    }

    [Fact]
    public async Task Archive_pages_return_every_archived_order_once_most_recently_archived_first_ties_by_id()
    {
        var t = NewTenant();
        var a0 = T0.AddDays(90);
        // 23 archived orders, pairs sharing an archive time, created in an order unrelated to it; and live ones, never listed.
        var rows = Enumerable.Range(0, 23).Select(i => Row(t, $"o-{i:D2}", (i * 7) % 23, o => o.ArchivedAt = a0.AddMinutes(i / 2))).ToList();
        await Store.UpsertAsync([.. rows, Row(t, "live-1", 30), Row(t, "live-2", 31)], CancellationToken.None);
        var expected = rows.OrderByDescending(r => r.ArchivedAt).ThenBy(r => r.OrderId, StringComparer.Ordinal).Select(r => r.OrderId).ToList();

        var seen = new List<string>();
        OrderArchivePosition? after = null;
        for (var page = 0; page < 10; page++)
        {
            var found = await Store.SearchAsync(t, new OrderSearchQuery { Archived = true, Sort = OrderSearchSort.RecentlyArchived, Limit = 5, AfterArchived = after }, CancellationToken.None);
            seen.AddRange(found.Select(r => r.OrderId));
            if (found.Length < 5) break;
            after = new OrderArchivePosition(found[^1].ArchivedAt!.Value, found[^1].OrderId);
            // Archived after the first page was read: it sorts before it, so the pages shift by nothing.
            if (page == 0) await Store.UpsertAsync([Row(t, "o-new", 40, o => o.ArchivedAt = a0.AddDays(1))], CancellationToken.None);
        }

        Assert.Equal(expected, seen);
        foreach (var bad in InjectionStrings)
        {
            var at = a0.AddMinutes(5);
            var after5 = rows.Where(r => r.ArchivedAt < at || (r.ArchivedAt == at && string.CompareOrdinal(r.OrderId, bad) > 0))
                .OrderByDescending(r => r.ArchivedAt).ThenBy(r => r.OrderId, StringComparer.Ordinal).Select(r => r.OrderId);
            var query = new OrderSearchQuery { Archived = true, Sort = OrderSearchSort.RecentlyArchived, AfterArchived = new OrderArchivePosition(at, bad), Limit = 100 };
            Assert.Equal(after5, await FindAsync(t, query));
        }
    }

    [Fact]
    public async Task A_restored_row_loses_its_archive_time_and_leaves_the_archive_search()
    {
        var t = NewTenant();
        await Store.UpsertAsync([Row(t, "o1", 1, o => { o.Version = 3; o.ArchivedAt = T0.AddDays(90); })], CancellationToken.None);
        var archive = new OrderSearchQuery { Archived = true, Sort = OrderSearchSort.RecentlyArchived };
        var before = await FindAsync(t, archive);

        await Store.UpsertAsync([Row(t, "o1", 1, o => o.Version = 4)], CancellationToken.None);

        Assert.Equal(["o1"], before);
        Assert.Empty(await FindAsync(t, archive));
        Assert.Equal(["o1"], await FindAsync(t, new OrderSearchQuery()));
        Assert.Null((await Store.FindAsync(t, "o1", CancellationToken.None))!.ArchivedAt);
    }

    [Fact]
    public async Task A_row_reads_back_as_it_was_written()
    {
        var t = NewTenant();
        var row = Row(t, "o1", 1, o =>
        {
            o.Version = 7; o.Tags = ["a", "b"]; o.Total = 1234.5678m; o.ClientReference = "ref-1"; o.Assignee = "u1";
            o.CustomFields = new() { ["region"] = "north", ["weight"] = "12.5" }; o.Channel = ChannelKind.InStore; o.Priority = OrderPriority.High;
            o.ArchivedAt = T0.AddDays(90).AddTicks(10); // microseconds: the finest time PostgreSQL keeps
        });
        await Store.UpsertAsync([row], CancellationToken.None);

        var read = await Store.FindAsync(t, "o1", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(row with { Tags = [], CustomFields = ImmutableSortedDictionary<string, string>.Empty }, read! with { Tags = [], CustomFields = ImmutableSortedDictionary<string, string>.Empty });
        Assert.Equal(row.Tags.ToArray(), read.Tags.ToArray());
        Assert.Equal(row.CustomFields.ToArray(), read.CustomFields.ToArray());
    }

    private static ImmutableSortedDictionary<string, string> Fields(params (string Key, string Value)[] fields) =>
        fields.ToImmutableSortedDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
}
