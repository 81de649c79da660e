using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Console.Tests.Orders;

/// <summary>
/// Archiving by hand from the orders view in headless Chromium: a bulk <c>archive</c> job over selected rows archives
/// the orders in a final state and refuses an open one with its reason; the API shows which are archived, and the
/// view's "Archived orders only" filter finds them.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OrdersArchiveBrowserTests(ConsoleCluster cluster, Chromium chromium)
{
    private const float Wait = 60_000;

    [Fact]
    public async Task A_bulk_archive_of_two_cancelled_orders_and_an_open_one_archives_the_two_and_refuses_the_open_one_with_its_reason()
    {
        var api = cluster.Client();
        var unique = ConsoleApi.Unique();
        var (customer, tag) = ("c-bulkarch-" + unique, "bulk-arch-" + unique);
        var ids = new[]
        {
            await OrdersFixtures.CreateAsync(api, customer, [tag]), await OrdersFixtures.CreateAsync(api, customer, [tag]),
            await OrdersFixtures.CreateAsync(api, customer, [tag]),
        };
        var (done, open) = (ids[..2], ids[2]);
        foreach (var id in done) (await api.PostAsJsonAsync($"/api/v1/orders/{id}/cancel", new { reason = "customer asked" })).EnsureSuccessStatusCode();
        await OrdersFixtures.UntilSearchedAsync(api, $"tag={tag}&status=cancelled", done);
        await OrdersFixtures.UntilSearchedAsync(api, $"tag={tag}", ids);

        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "manager");
        await page.GotoAsync(new Uri(cluster.BaseAddress, $"/console/#/orders?tag={tag}").ToString());
        await Expect(OrdersSearchBrowserTests.OrderCells(page)).ToHaveCountAsync(3, new() { Timeout = Wait });
        foreach (var id in ids) await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {id}", Exact = true }).CheckAsync();

        var bulk = page.GetByRole(AriaRole.Form, new() { Name = "Bulk action" });
        await Expect(bulk.GetByText("3 selected")).ToBeVisibleAsync();
        await bulk.GetByLabel("Bulk action").SelectOptionAsync("archive");
        await bulk.GetByLabel("Reason").FillAsync("year-end tidy");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Run on selected" }).ClickAsync();

        var job = page.Locator(".orders-job");
        await Expect(job).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = Wait });
        await Expect(job.Locator(".orders-job-summary")).ToHaveTextAsync("Finished: 2 ok, 1 failed.");
        var failed = job.Locator($"tr[data-order-id='{open}'][data-outcome='failed']");
        await Expect(failed).ToContainTextAsync("order-not-archivable");
        await Expect(failed).ToContainTextAsync("only an order in a final state");
        foreach (var id in done) await Expect(job.Locator($"tr[data-order-id='{id}'][data-outcome='ok']")).ToHaveCountAsync(1);
        await ConsolePage.ScreenshotAsync(page, "orders-bulk-archive");

        foreach (var id in ids)
        {
            var order = await ConsoleApi.OrderAsync(api, id);
            var archivedAt = order.TryGetProperty("archivedAt", out var at) ? at.ValueKind : JsonValueKind.Null;
            Assert.Equal(id == open ? JsonValueKind.Null : JsonValueKind.String, archivedAt);
        }

        // the filter finds the archived two (once the search read model has them archived)
        await OrdersFixtures.UntilSearchedAsync(api, $"tag={tag}&archived=true", done);
        await page.GotoAsync(new Uri(cluster.BaseAddress, $"/console/#/orders?tag={tag}&archived=true").ToString());
        await Expect(OrdersSearchBrowserTests.OrderCells(page)).ToHaveCountAsync(2, new() { Timeout = Wait });
        foreach (var id in done) await Expect(OrdersSearchBrowserTests.OrderCells(page).GetByText(id, new() { Exact = true })).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Archived orders only")).ToBeCheckedAsync();
        await ConsolePage.ScreenshotAsync(page, "orders-archived-filter");
    }
}
