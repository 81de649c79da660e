using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrderCluster.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Console.Tests.Orders;

/// <summary>
/// The orders view (#/orders) in headless Chromium: a filter finds orders created over the API and pages through them with
/// the cursor (Next and Previous) as the API pages them, the hash keeps the filter (the back button restores it), a saved
/// search survives a reload and runs from the list, and the column choice persists per tenant and user.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OrdersSearchBrowserTests(ConsoleCluster cluster, Chromium chromium)
{
    private const float Wait = 60_000;

    [Fact]
    public async Task A_filter_finds_orders_created_over_the_api_and_pages_to_page_two_and_back()
    {
        var api = cluster.Client();
        var unique = ConsoleApi.Unique();
        var (customer, tag) = ("c-find-" + unique, "find-" + unique);
        var tagged = new List<string>();
        for (var i = 0; i < 7; i++) tagged.Add(await OrdersFixtures.CreateAsync(api, customer, [tag]));
        var untagged = await OrdersFixtures.CreateAsync(api, customer, ["other-" + unique]);
        await OrdersFixtures.UntilSearchedAsync(api, $"tag={tag}", tagged);
        await OrdersFixtures.UntilSearchedAsync(api, $"customerId={customer}", [.. tagged, untagged]);

        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "clerk");
        var search = page.GetByRole(AriaRole.Search, new() { Name = "Order search" });
        await Expect(search).ToBeVisibleAsync(new() { Timeout = Wait });
        await Expect(page.GetByText("Results may lag a few seconds")).ToBeVisibleAsync();

        // the customer's 8 orders, newest first like the API
        await search.GetByLabel("Customer id").FillAsync(customer);
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await ExpectHashAsync(page, $"#/orders?customerId={customer}");
        var byCustomer = await OrdersFixtures.SearchAsync(api, $"customerId={customer}");
        await Expect(OrderCells(page)).ToHaveTextAsync(byCustomer.Ids, new() { Timeout = Wait });

        // narrowed to the tag with 5 a page: page 1 is the API's first page
        await search.GetByLabel("Tag", new() { Exact = true }).FillAsync(tag);
        await search.GetByLabel("Page size").SelectOptionAsync("5");
        await ExpectHashAsync(page, $"#/orders?customerId={customer}&tag={tag}&limit=5");
        var first = await OrdersFixtures.SearchAsync(api, $"customerId={customer}&tag={tag}&limit=5");
        Assert.Equal(5, first.Ids.Length);
        Assert.NotNull(first.NextCursor);
        await Expect(OrderCells(page)).ToHaveTextAsync(first.Ids, new() { Timeout = Wait });
        await Expect(page.Locator(".orders-page")).ToHaveTextAsync("Page 1");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous" })).ToBeDisabledAsync();
        await ConsolePage.ScreenshotAsync(page, "orders-results-with-filters");

        // Next: the API's second page (the last: 2 orders, no Next)
        var second = await OrdersFixtures.SearchAsync(api, $"customerId={customer}&tag={tag}&limit=5&cursor={first.NextCursor}");
        Assert.Equal(2, second.Ids.Length);
        Assert.Null(second.NextCursor);
        Assert.Equal(tagged.Order(), first.Ids.Concat(second.Ids).Order());
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(OrderCells(page)).ToHaveTextAsync(second.Ids, new() { Timeout = Wait });
        await Expect(page.Locator(".orders-page")).ToHaveTextAsync("Page 2");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next" })).ToBeDisabledAsync();

        // Previous: page 1 again
        await page.GetByRole(AriaRole.Button, new() { Name = "Previous" }).ClickAsync();
        await Expect(OrderCells(page)).ToHaveTextAsync(first.Ids, new() { Timeout = Wait });
        await Expect(page.Locator(".orders-page")).ToHaveTextAsync("Page 1");

        // the back button returns to the customer-only search, its form and its results
        await page.GoBackAsync();
        await ExpectHashAsync(page, $"#/orders?customerId={customer}");
        await Expect(search.GetByLabel("Tag", new() { Exact = true })).ToHaveValueAsync("", new() { Timeout = Wait });
        await Expect(search.GetByLabel("Customer id")).ToHaveValueAsync(customer);
        await Expect(OrderCells(page)).ToHaveTextAsync(byCustomer.Ids, new() { Timeout = Wait });
    }

    [Fact]
    public async Task A_saved_search_survives_a_reload_runs_from_the_list_and_is_deleted_from_it()
    {
        var api = cluster.Client();
        var unique = ConsoleApi.Unique();
        var (customer, name) = ("c-saved-" + unique, "saved-" + unique);
        var orderId = await OrdersFixtures.CreateAsync(api, customer, ["saved-" + unique], priority: "high");
        await OrdersFixtures.UntilSearchedAsync(api, $"customerId={customer}&priority=high", [orderId]);

        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "clerk");
        var search = page.GetByRole(AriaRole.Search, new() { Name = "Order search" });
        await search.GetByLabel("Customer id").FillAsync(customer);
        await search.GetByLabel("Priority").SelectOptionAsync("high");
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(OrderCells(page)).ToHaveTextAsync([orderId], new() { Timeout = Wait });

        var saveForm = page.GetByRole(AriaRole.Form, new() { Name = "Save search" });
        await saveForm.GetByLabel("Name").FillAsync(name);
        await saveForm.GetByRole(AriaRole.Button, new() { Name = "Save current filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Run saved search {name}" })).ToBeVisibleAsync(new() { Timeout = Wait });

        // stored for the tenant with the form's filter
        var saved = await api.GetFromJsonAsync<JsonElement>("/api/v1/saved-searches");
        var stored = saved.EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("filter");
        Assert.Equal(customer, stored.GetProperty("customerId").GetString());
        Assert.Equal("high", stored.GetProperty("priority").GetString());

        // a fresh page with an empty form, then the saved search from the list fills it and finds the order
        await page.GotoAsync(new Uri(cluster.BaseAddress, "/console/#/orders").ToString());
        await page.ReloadAsync();
        await Expect(search.GetByLabel("Customer id")).ToHaveValueAsync("", new() { Timeout = Wait });
        await page.GetByRole(AriaRole.Button, new() { Name = $"Run saved search {name}" }).ClickAsync(new() { Timeout = Wait });
        await ExpectHashAsync(page, $"#/orders?customerId={customer}&priority=high");
        await Expect(search.GetByLabel("Customer id")).ToHaveValueAsync(customer, new() { Timeout = Wait });
        await Expect(search.GetByLabel("Priority")).ToHaveValueAsync("high");
        await Expect(OrderCells(page)).ToHaveTextAsync([orderId], new() { Timeout = Wait });
        await ConsolePage.ScreenshotAsync(page, "orders-saved-search-run");

        // deleting it removes it from the list and from the API
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete saved search {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Run saved search {name}" })).ToHaveCountAsync(0, new() { Timeout = Wait });
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/saved-searches/{name}")).StatusCode);
    }

    [Fact]
    public async Task The_column_choice_persists_across_a_reload_for_the_user_who_made_it()
    {
        var api = cluster.Client();
        var unique = ConsoleApi.Unique();
        var customer = "c-cols-" + unique;
        var orderId = await OrdersFixtures.CreateAsync(api, customer, ["cols-" + unique], priority: "urgent", clientReference: "ref-" + unique);
        await OrdersFixtures.UntilSearchedAsync(api, $"customerId={customer}", [orderId]);
        var order = await ConsoleApi.OrderAsync(api, orderId);

        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "clerk");
        await page.GotoAsync(new Uri(cluster.BaseAddress, $"/console/#/orders?customerId={customer}").ToString());
        await Expect(OrderCells(page)).ToHaveTextAsync([orderId], new() { Timeout = Wait });
        await Expect(Header(page, "tags")).ToHaveCountAsync(1);
        await Expect(Header(page, "priority")).ToHaveCountAsync(0);

        await page.GetByText("Columns", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Tags", Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Priority", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Client reference", Exact = true }).CheckAsync();

        await page.ReloadAsync();
        await Expect(OrderCells(page)).ToHaveTextAsync([orderId], new() { Timeout = Wait });
        await Expect(Header(page, "tags")).ToHaveCountAsync(0);
        await Expect(Header(page, "priority")).ToHaveCountAsync(1);
        // the chosen columns show the order as the API has it
        await Expect(Cell(page, orderId, "priority")).ToHaveTextAsync(order.GetProperty("priority").GetString()!);
        await Expect(Cell(page, orderId, "clientReference")).ToHaveTextAsync(order.GetProperty("clientReference").GetString()!);
        await ConsolePage.ScreenshotAsync(page, "orders-columns-after-reload");

        // another user of the tenant in the same browser keeps the default columns
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "manager");
        await page.GotoAsync(new Uri(cluster.BaseAddress, $"/console/#/orders?customerId={customer}").ToString());
        await Expect(OrderCells(page)).ToHaveTextAsync([orderId], new() { Timeout = Wait });
        await Expect(Header(page, "tags")).ToHaveCountAsync(1);
        await Expect(Header(page, "priority")).ToHaveCountAsync(0);
    }

    /// <summary>Waits until the page's address ends with this hash (the filter the view put there).</summary>
    internal static Task ExpectHashAsync(IPage page, string hash) =>
        Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(hash) + "$"), new() { Timeout = Wait });

    /// <summary>The order-id cells of the result rows, in order.</summary>
    internal static ILocator OrderCells(IPage page) => page.Locator(".orders-table tbody tr[data-order-id] td:nth-child(2)");

    private static ILocator Header(IPage page, string column) => page.Locator($".orders-table thead th[data-column='{column}']");

    private static ILocator Cell(IPage page, string orderId, string column) =>
        page.Locator($".orders-table tbody tr[data-order-id='{orderId}'] td[data-column='{column}']");
}
