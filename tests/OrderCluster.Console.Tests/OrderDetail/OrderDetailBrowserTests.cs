using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderCluster.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static OrderCluster.Console.Tests.OrderDetail.OrderDetailFixtures;
using static OrderCluster.Console.Tests.Support.ConsoleApi;

namespace OrderCluster.Console.Tests.OrderDetail;

/// <summary>
/// The order detail view (#/orders/:id) in headless Chromium, on orders created over the API: what it shows is what the
/// API answers, and what is done in it (an action, notes, an attachment, a priority change, split and merge) is then
/// read back through the API. A change sent with a stale ETag shows the conflict and the order as it is now.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OrderDetailBrowserTests(ConsoleCluster cluster, Chromium chromium)
{
    private static readonly LocatorAssertionsToHaveTextOptions Long = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions LongVisible = new() { Timeout = 60_000 };

    [Fact]
    public async Task The_detail_shows_lines_totals_margin_and_the_allowed_actions_and_an_action_changes_the_status()
    {
        var api = cluster.Client();
        var unique = Unique();
        var id = await CreateAsync(api, "c-detail-" + unique, new Line("BOLT-" + unique, 3, 12.50m, 7.00m), new Line("NUT-" + unique, 2, 4.00m, 1.50m));
        var withoutCosts = await CreateAsync(api, "c-detail-" + unique, new Line("WASHER-" + unique, 1, 3.00m));
        var order = await OrderAsync(api, id);
        var manager = await SignedInAsync("manager");
        var allowed = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}/actions")).EnumerateArray()
            .Select(a => a.GetProperty("action").GetString()!).Where(a => a is not "approve" and not "reject").ToArray();
        Assert.Contains("hold", allowed);

        var page = await OpenAsync("manager", id);
        await Expect(page.Locator("#od-lines tbody tr")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(page.Locator("#od-lines tbody tr td:nth-child(2)")).ToHaveTextAsync(["BOLT-" + unique, "NUT-" + unique]);
        var totals = order.GetProperty("totals");
        await Expect(page.Locator("#od-subtotal")).ToHaveTextAsync(Money(totals.GetProperty("subtotal")));
        await Expect(page.Locator("#od-shipping")).ToHaveTextAsync(Money(totals.GetProperty("shipping")));
        await Expect(page.Locator("#od-total")).ToHaveTextAsync(Money(totals.GetProperty("total")));
        Assert.Equal("50.45 EUR", Money(totals.GetProperty("total")));
        await Expect(page.Locator("#od-margin")).ToContainTextAsync(Money(totals.GetProperty("margin")));
        Assert.Equal("21.50 EUR", Money(totals.GetProperty("margin")));
        await Expect(page.Locator("#od-status")).ToHaveTextAsync(Text(order, "status"));
        await Expect(page.Locator("#od-actions button")).ToHaveTextAsync(allowed);
        await ConsolePage.ScreenshotAsync(page, "order-detail");

        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("customer asked to wait");
        await page.Locator("#od-actions button[data-action='hold']").ClickAsync();
        await Expect(page.Locator("#od-status")).ToHaveTextAsync("on-hold", Long);
        Assert.Equal("on-hold", Text(await OrderAsync(api, id), "status"));
        await Expect(page.Locator("#toast")).ToContainTextAsync("hold: now on-hold");

        await page.GotoAsync(new Uri(cluster.BaseAddress, "/console/#/orders/" + Uri.EscapeDataString(withoutCosts)).ToString());
        await Expect(page.Locator("#od-margin")).ToHaveTextAsync("no cost data", Long);
        Assert.Equal(JsonValueKind.Null, (await OrderAsync(api, withoutCosts)).GetProperty("totals").GetProperty("margin").ValueKind);
    }

    [Fact]
    public async Task Internal_and_external_notes_are_added_and_an_attachment_is_uploaded_and_downloaded_back()
    {
        var api = cluster.Client();
        var id = await CreateAsync(api, "c-notes-" + Unique(), new Line("PAPER-1", 5, 2.00m));
        var page = await OpenAsync("clerk", id);

        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Customer is a reseller: check the VAT number.");
        await page.GetByLabel("Visibility").SelectOptionAsync("internal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator("#od-note-list li")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Your order ships on Monday.");
        await page.GetByLabel("Visibility").SelectOptionAsync("external");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator("#od-note-list li")).ToHaveCountAsync(2, new() { Timeout = 60_000 });

        var notes = await ItemsAsync(api, id, "notes");
        Assert.Equal(
            [("Your order ships on Monday.", "external"), ("Customer is a reseller: check the VAT number.", "internal")],
            notes.Select(n => (Text(n, "text"), Text(n, "visibility"))).OrderBy(n => n.Item2));
        Assert.All(notes, n => Assert.Equal("user:clerk", n.GetProperty("author").GetProperty("userId").GetString()));

        var content = Encoding.UTF8.GetBytes("packing list\n3 x box\n1 x pallet\n");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "packing-list.txt", MimeType = "text/plain", Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.Locator("#od-attachment-list tbody tr")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(page.Locator("#od-attachment-list tbody tr td").First).ToHaveTextAsync("packing-list.txt");

        var attachment = Assert.Single((await OrderAsync(api, id)).GetProperty("attachments").EnumerateArray());
        Assert.Equal("packing-list.txt", Text(attachment, "fileName"));
        Assert.Equal("text/plain", Text(attachment, "contentType"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), Text(attachment, "sha256").ToLowerInvariant());
        await ConsolePage.ScreenshotAsync(page, "order-notes-attachments");

        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Download packing-list.txt" }).ClickAsync(), new() { Timeout = 60_000 });
        Assert.Equal("packing-list.txt", download.SuggestedFilename);
        Assert.Equal(content, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    [Fact]
    public async Task The_audit_trail_shows_the_before_and_after_of_a_priority_changed_in_the_view()
    {
        var api = cluster.Client();
        var id = await CreateAsync(api, "c-audit-" + Unique(), new Line("INK-1", 1, 30.00m));
        var page = await OpenAsync("clerk", id);

        await page.GetByLabel("Priority").SelectOptionAsync("urgent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set priority" }).ClickAsync();
        await Expect(page.Locator("#od-priority")).ToHaveTextAsync("urgent", Long);
        // the newest audit entry is the change: priority from Normal to Urgent, by the clerk
        var newest = page.Locator("#od-audit-list tbody tr").First;
        await Expect(newest.Locator("td").Nth(2)).ToHaveTextAsync("Test clerk");
        await Expect(newest.Locator("li[data-path='priority'] .od-before")).ToHaveTextAsync("Normal");
        await Expect(newest.Locator("li[data-path='priority'] .od-after")).ToHaveTextAsync("Urgent");
        await page.Locator("#od-panel-audit").ScrollIntoViewIfNeededAsync();
        await ConsolePage.ScreenshotAsync(page, "order-audit-priority");

        var entry = (await ItemsAsync(api, id, "audit"))[0];
        Assert.Equal("user:clerk", entry.GetProperty("actor").GetProperty("userId").GetString());
        var field = entry.GetProperty("changes").EnumerateArray().Single(c => Text(c, "path") == "priority");
        Assert.Equal(("Normal", "Urgent"), (Text(field, "before"), Text(field, "after")));
    }

    [Fact]
    public async Task A_line_is_split_into_a_new_order_which_is_then_merged_back()
    {
        var api = cluster.Client();
        var unique = Unique();
        var (keep, move) = ("KEEP-" + unique, "MOVE-" + unique);
        var id = await CreateAsync(api, "c-split-" + unique, new Line(keep, 2, 10.00m), new Line(move, 3, 5.00m));
        var page = await OpenAsync("clerk", id);

        await page.GetByLabel("Units of l2 to split off").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Split chosen units into a new order" }).ClickAsync();
        var newId = id + "-s1";
        await Expect(page.Locator("#od-notice a")).ToHaveTextAsync(newId, Long);
        await Expect(page.Locator("#od-lines tbody tr")).ToHaveCountAsync(1);

        Assert.Equal([(keep, 2)], Lines(await OrderAsync(api, id)));
        var split = await OrderAsync(api, newId);
        Assert.Equal([(move, 3)], Lines(split));
        Assert.Contains((await OrderAsync(api, id)).GetProperty("links").EnumerateArray(), l => Text(l, "kind") == "split-into" && Text(l, "orderId") == newId);
        await ConsolePage.ScreenshotAsync(page, "order-split");

        await page.Locator("#od-notice a").ClickAsync();
        await Expect(page.Locator("#od-id")).ToHaveTextAsync(newId, Long);
        await page.GetByLabel("Merge into order").FillAsync(id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge into that order" }).ClickAsync();
        await Expect(page.Locator("#od-status")).ToHaveTextAsync("cancelled", Long);

        var merged = await OrderAsync(api, id);
        Assert.Equal([(keep, 2), (move, 3)], Lines(merged).OrderBy(l => l.Sku, StringComparer.Ordinal));
        Assert.Contains(merged.GetProperty("links").EnumerateArray(), l => Text(l, "kind") == "merged-from" && Text(l, "orderId") == newId);
        Assert.Equal("cancelled", Text(await OrderAsync(api, newId), "status"));
    }

    [Fact]
    public async Task A_change_sent_with_a_stale_etag_shows_the_conflict_and_reloads_the_order()
    {
        var api = cluster.Client();
        var id = await CreateAsync(api, "c-stale-" + Unique(), new Line("GLUE-1", 4, 3.00m));
        var page = await OpenAsync("clerk", id);
        await Expect(page.Locator("#od-tags")).ToHaveTextAsync("none");

        // someone else changes the order while the page shows the version it read
        using var elsewhere = await api.PostAsJsonAsync($"/api/v1/orders/{id}/change-tags", new { add = new[] { "fragile" } });
        Assert.True(elsewhere.IsSuccessStatusCode);

        await page.GetByLabel("Priority").SelectOptionAsync("high");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set priority" }).ClickAsync();
        await Expect(page.Locator("#od-flash")).ToContainTextAsync("changed by someone else — reloaded", new() { Timeout = 60_000 });
        await Expect(page.Locator("#od-tags li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#od-tags li[data-tag='fragile']")).ToBeVisibleAsync();
        await ConsolePage.ScreenshotAsync(page, "order-stale-etag");
        Assert.Equal("normal", Text(await OrderAsync(api, id), "priority"));

        // the reload brought the current ETag: the same change now goes through
        await page.GetByLabel("Priority").SelectOptionAsync("high");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set priority" }).ClickAsync();
        await Expect(page.Locator("#od-priority")).ToHaveTextAsync("high", Long);
        await Expect(page.Locator("#od-flash")).ToBeEmptyAsync();
        Assert.Equal("high", Text(await OrderAsync(api, id), "priority"));
    }

    private async Task<IPage> OpenAsync(string username, string orderId)
    {
        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, username);
        await page.GotoAsync(new Uri(cluster.BaseAddress, "/console/#/orders/" + Uri.EscapeDataString(orderId)).ToString());
        await Expect(page.Locator("#od-id")).ToHaveTextAsync(orderId, Long);
        await Expect(page.Locator("#od-panel-lines")).ToBeVisibleAsync(LongVisible);
        return page;
    }

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var client = new HttpClient { BaseAddress = cluster.BaseAddress };
        var session = await (await client.PostAsJsonAsync("/api/v1/sessions", new { tenant = ConsoleCluster.Tenant, username, password = ConsoleCluster.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", session.GetProperty("token").GetString());
        return client;
    }
}
