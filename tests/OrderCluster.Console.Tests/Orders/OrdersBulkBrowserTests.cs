using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Console.Tests.Orders;

/// <summary>
/// Bulk actions from the orders view in headless Chromium: rows selected in the results, a bulk job started over
/// <c>POST /bulk-jobs</c>, its progress followed to the end with each order's result, and the orders checked over the API.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OrdersBulkBrowserTests(ConsoleCluster cluster, Chromium chromium)
{
    private const float Wait = 60_000;

    [Fact]
    public async Task A_bulk_tag_of_three_selected_orders_reaches_3_of_3_with_their_results_and_tags_them_all()
    {
        var api = cluster.Client();
        var unique = ConsoleApi.Unique();
        var (customer, tag) = ("c-bulk-" + unique, "bulk-src-" + unique);
        var ids = new[]
        {
            await OrdersFixtures.CreateAsync(api, customer, [tag]), await OrdersFixtures.CreateAsync(api, customer, [tag]),
            await OrdersFixtures.CreateAsync(api, customer, [tag]),
        };
        await OrdersFixtures.UntilSearchedAsync(api, $"tag={tag}", ids);

        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "clerk");
        await page.GotoAsync(new Uri(cluster.BaseAddress, $"/console/#/orders?tag={tag}").ToString());
        await Expect(OrdersSearchBrowserTests.OrderCells(page)).ToHaveCountAsync(3, new() { Timeout = Wait });

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select all on page" }).CheckAsync();
        var bulk = page.GetByRole(AriaRole.Form, new() { Name = "Bulk action" });
        await Expect(bulk.GetByText("3 selected")).ToBeVisibleAsync();
        await bulk.GetByLabel("Bulk action").SelectOptionAsync("addTags");
        await bulk.GetByLabel("Tag", new() { Exact = true }).FillAsync("bulk-x");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Run on selected" }).ClickAsync();

        var job = page.Locator(".orders-job");
        await Expect(job).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = Wait });
        await Expect(job.Locator(".orders-job-count")).ToHaveTextAsync("3 / 3");
        await Expect(job.Locator("progress")).ToHaveJSPropertyAsync("value", 3);
        await Expect(job.Locator(".orders-job-summary")).ToHaveTextAsync("Finished: 3 ok, 0 failed.");
        foreach (var id in ids) await Expect(job.Locator($"tr[data-order-id='{id}'][data-outcome='ok']")).ToHaveCountAsync(1);
        await ConsolePage.ScreenshotAsync(page, "orders-bulk-finished");

        foreach (var id in ids)
        {
            var order = await ConsoleApi.OrderAsync(api, id);
            Assert.Contains("bulk-x", order.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }
    }

    [Fact]
    public async Task A_bulk_status_change_not_allowed_for_one_order_shows_that_orders_reason_and_changes_the_others()
    {
        var api = cluster.Client();
        var unique = ConsoleApi.Unique();
        var (customer, tag) = ("c-bulkfail-" + unique, "bulk-fail-" + unique);
        var ids = new[]
        {
            await OrdersFixtures.CreateAsync(api, customer, [tag]), await OrdersFixtures.CreateAsync(api, customer, [tag]),
            await OrdersFixtures.CreateAsync(api, customer, [tag]),
        };
        var cancelled = ids[1];
        (await api.PostAsJsonAsync($"/api/v1/orders/{cancelled}/cancel", new { reason = "customer asked" })).EnsureSuccessStatusCode();
        await OrdersFixtures.UntilSearchedAsync(api, $"tag={tag}", ids);
        await OrdersFixtures.UntilSearchedAsync(api, $"tag={tag}&status=cancelled", [cancelled]);

        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "manager");
        await page.GotoAsync(new Uri(cluster.BaseAddress, $"/console/#/orders?tag={tag}").ToString());
        await Expect(OrdersSearchBrowserTests.OrderCells(page)).ToHaveCountAsync(3, new() { Timeout = Wait });
        foreach (var id in ids) await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Select {id}", Exact = true }).CheckAsync();

        var bulk = page.GetByRole(AriaRole.Form, new() { Name = "Bulk action" });
        await Expect(bulk.GetByText("3 selected")).ToBeVisibleAsync();
        await bulk.GetByLabel("Bulk action").SelectOptionAsync("action");
        await bulk.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync("hold");
        await bulk.GetByLabel("Reason").FillAsync("stock check");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Run on selected" }).ClickAsync();

        var job = page.Locator(".orders-job");
        await Expect(job).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = Wait });
        await Expect(job.Locator(".orders-job-count")).ToHaveTextAsync("3 / 3");
        await Expect(job.Locator(".orders-job-summary")).ToHaveTextAsync("Finished: 2 ok, 1 failed.");
        var failed = job.Locator($"tr[data-order-id='{cancelled}'][data-outcome='failed']");
        await Expect(failed).ToHaveCountAsync(1);
        await ConsolePage.ScreenshotAsync(page, "orders-bulk-one-refused");

        // the reason shown is the job's own for that order, and only the other two are on hold
        var jobId = (await job.Locator("h3").TextContentAsync())!.Replace("Bulk job ", "");
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/bulk-jobs/{jobId}");
        var refusal = stored.GetProperty("results").EnumerateArray().Single(r => !r.GetProperty("succeeded").GetBoolean());
        Assert.Equal(cancelled, refusal.GetProperty("orderId").GetString());
        var (code, reason) = (refusal.GetProperty("errorCode").GetString()!, refusal.GetProperty("error").GetString()!);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        await Expect(failed).ToContainTextAsync(code);
        await Expect(failed).ToContainTextAsync(reason);
        foreach (var id in ids)
        {
            var status = (await ConsoleApi.OrderAsync(api, id)).GetProperty("status").GetString();
            Assert.Equal(id == cancelled ? "cancelled" : "on-hold", status);
        }
    }
}
