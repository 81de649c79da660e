using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Api.Tests.Support;
using OrderCluster.GrainInterfaces.Search;

namespace OrderCluster.Api.Tests.Tenants;

/// <summary>
/// The archive search pages with a cursor like <c>/orders</c>: every archived order exactly once, most recently
/// archived first (ties by id), <c>nextCursor</c> null on the last page, a foreign or broken cursor a 400, and an order
/// archived between two pages shifts nothing. The rows are written to the order search read model directly (the
/// archive search reads it), so archive times and ties are chosen by the test.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ArchiveCursorTests(ApiCluster api)
{
    [Fact]
    public async Task Pages_with_a_cursor_return_every_archived_order_once_in_order()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var reader = api.Client(await tenant.KeyAsync(api, "orders:read"));
        var store = api.Cluster.Silos[0].Services.GetRequiredService<IOrderSearchStore>();
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        // 23 orders, pairs sharing an archive time (ties are ordered by id).
        var entries = Enumerable.Range(0, 23).Select(i => Entry(tenant.Id, $"o-{i:D2}", start.AddMinutes(i / 2))).ToList();
        await store.UpsertAsync([.. entries, Live(tenant.Id, "o-live")], CancellationToken.None);
        var expected = entries.OrderByDescending(e => e.ArchivedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal).Select(e => e.OrderId).ToList();

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/archive?limit=5{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 0) await store.UpsertAsync([Entry(tenant.Id, "o-new", start.AddDays(1))], CancellationToken.None); // archived after the first page was read: it sorts before it
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(5, pages); // 5 + 5 + 5 + 5 + 3
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_last_full_page_has_no_cursor_and_a_broken_cursor_is_a_400()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var reader = api.Client(await tenant.KeyAsync(api, "orders:read"));
        var store = api.Cluster.Silos[0].Services.GetRequiredService<IOrderSearchStore>();
        await store.UpsertAsync([.. Enumerable.Range(0, 4).Select(i => Entry(tenant.Id, $"o-{i}", new DateTimeOffset(2026, 3, 1, i, 0, 0, TimeSpan.Zero)))], CancellationToken.None);

        var exact = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/archive?limit=4"));
        var broken = await reader.GetAsync("/api/v1/archive?cursor=not-a-cursor");
        var filtered = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/archive?limit=1&status=closed"));
        var next = await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/archive?limit=1&status=closed&cursor={Uri.EscapeDataString(filtered.GetProperty("nextCursor").GetString()!)}"));

        Assert.Equal(4, exact.GetProperty("items").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, exact.GetProperty("nextCursor").ValueKind);
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(broken, HttpStatusCode.BadRequest), "cursor");
        Assert.Equal("o-3", filtered.GetProperty("items")[0].GetProperty("orderId").GetString());
        Assert.Equal("o-2", next.GetProperty("items")[0].GetProperty("orderId").GetString());
    }

    /// <summary>An archived order's row, created 30 days before it was archived (creation order is archive order reversed by nothing else).</summary>
    private static OrderSearchRow Entry(string tenantId, string orderId, DateTimeOffset archivedAt) => Live(tenantId, orderId) with
    {
        CreatedAt = archivedAt.AddDays(-30), UpdatedAt = archivedAt, Archived = true, ArchivedAt = archivedAt,
    };

    private static OrderSearchRow Live(string tenantId, string orderId) => new()
    {
        TenantId = tenantId, OrderId = orderId, Version = 1, Status = "closed", CustomerId = "c-archive", Total = 10m, Currency = "EUR",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Document = string.Join(' ', OrderSearchDocument.Words($"{orderId} c-archive")),
    };
}
