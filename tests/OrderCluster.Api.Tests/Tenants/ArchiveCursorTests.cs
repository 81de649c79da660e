using System.Net;
using OrderCluster.Api.Tests.Support;
using OrderCluster.GrainInterfaces.Archiving;
using OrderCluster.GrainInterfaces.Common;

namespace OrderCluster.Api.Tests.Tenants;

/// <summary>
/// The archive search pages with a cursor like <c>/orders</c>: every archived order exactly once, most recently
/// archived first (ties by id), <c>nextCursor</c> null on the last page, a foreign or broken cursor a 400, and an order
/// archived between two pages shifts nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ArchiveCursorTests(ApiCluster api)
{
    [Fact]
    public async Task Pages_with_a_cursor_return_every_archived_order_once_in_order()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var reader = api.Client(await tenant.KeyAsync(api, "orders:read"));
        var archive = api.Grains.GetGrain<IOrderArchiveGrain>(tenant.Id);
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        // 23 orders, pairs sharing an archive time (ties are ordered by id).
        var entries = Enumerable.Range(0, 23).Select(i => Entry($"o-{i:D2}", start.AddMinutes(i / 2))).ToList();
        foreach (var entry in entries) await archive.AddAsync(entry);
        var expected = entries.OrderByDescending(e => e.ArchivedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal).Select(e => e.OrderId).ToList();

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/archive?limit=5{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            if (pages++ == 0) await archive.AddAsync(Entry("o-new", start.AddDays(1))); // archived after the first page was read: it sorts before it
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
        var archive = api.Grains.GetGrain<IOrderArchiveGrain>(tenant.Id);
        foreach (var i in Enumerable.Range(0, 4)) await archive.AddAsync(Entry($"o-{i}", new DateTimeOffset(2026, 3, 1, i, 0, 0, TimeSpan.Zero)));

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

    private static ArchivedOrder Entry(string orderId, DateTimeOffset archivedAt) => new()
    {
        OrderId = orderId, CustomerId = "c-archive", Status = "closed", Total = new Money(10m, "EUR"),
        CreatedAt = archivedAt.AddDays(-30), ArchivedAt = archivedAt,
    };
}
