using System.Net.Http.Json;
using Microsoft.Playwright;
using OrderCluster.Console.Tests.Support;
using OrderCluster.Testing.Browser;
using static Microsoft.Playwright.Assertions;
using static OrderCluster.Console.Tests.Approvals.ApprovalsFixtures;
using static OrderCluster.Console.Tests.Support.ConsoleApi;

namespace OrderCluster.Console.Tests.Approvals;

/// <summary>
/// The approvals inbox (#/approvals) in headless Chromium. The clerk places orders above the default workflow's thresholds
/// over the API with their own session (above 10,000 a manager approves; above 50,000 a manager, then finance); each user's
/// inbox shows only what waits for one of their roles, and what they decide there is read back through the API.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApprovalsBrowserTests(ConsoleCluster cluster, Chromium chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 60_000 };

    private async Task<IPage> InboxAsync(string user)
    {
        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, user);
        await page.GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
        // the inbox is drawn once every listed order was read: a table, or the empty state
        await Expect(page.Locator(".ap-table, #ap-empty").First).ToBeVisibleAsync(Visible);
        return page;
    }

    private static ILocator Row(IPage page, string orderId) => page.Locator($"tr[data-order-id='{orderId}']");

    [Fact]
    public async Task An_order_above_the_threshold_placed_by_the_clerk_is_in_the_managers_inbox_and_approving_it_is_audited_as_the_manager()
    {
        using var clerk = await SignedInAsync(cluster, "clerk");
        using var api = cluster.Client();
        var customerId = "c-approve-" + Unique();
        var orderId = await CreateAsync(clerk, customerId, quantity: 2, unitPrice: 6_000m);
        var placed = await OrderAsync(api, orderId);
        Assert.Equal("pending-approval", placed.GetProperty("status").GetString());
        Assert.Equal("order-manager", placed.GetProperty("approval").GetProperty("steps")[0].GetProperty("role").GetString());
        await UntilPendingListedAsync(api, customerId, orderId);

        var page = await InboxAsync("manager");
        var row = Row(page, orderId);
        await Expect(row).ToBeVisibleAsync(Visible);
        await Expect(row).ToContainTextAsync("manager (order-manager)");
        await Expect(row).ToContainTextAsync("12010.00 EUR");
        await ConsolePage.ScreenshotAsync(page, "approvals-inbox-with-an-order");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Approve order {orderId}" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.Locator(".ap-outcomes")).ToContainTextAsync($"Approved order {orderId} (manager): now approved.");

        var approved = await OrderAsync(api, orderId);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var approval = approved.GetProperty("approval");
        Assert.Equal("approved", approval.GetProperty("status").GetString());
        Assert.Equal("user:manager", approval.GetProperty("steps")[0].GetProperty("decidedBy").GetProperty("userId").GetString());
        var audit = await JsonAsync(await api.GetAsync($"/api/v1/orders/{orderId}/audit?limit=50"));
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "approve");
        Assert.Equal("user:manager", entry.GetProperty("actor").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task The_manager_rejects_an_order_with_a_reason_a_rejection_without_one_is_refused_on_the_page()
    {
        using var clerk = await SignedInAsync(cluster, "clerk");
        using var api = cluster.Client();
        var customerId = "c-reject-" + Unique();
        var orderId = await CreateAsync(clerk, customerId, quantity: 3, unitPrice: 4_000m);
        await UntilPendingListedAsync(api, customerId, orderId);

        var page = await InboxAsync("manager");
        var row = Row(page, orderId);
        await Expect(row).ToBeVisibleAsync(Visible);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Reject order {orderId}" }).ClickAsync();
        var reason = row.GetByLabel($"Reason for rejecting {orderId}");
        await Expect(reason).ToBeFocusedAsync();

        // no reason: refused on the page, nothing sent
        await row.GetByRole(AriaRole.Button, new() { Name = "Reject order", Exact = true }).ClickAsync();
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(row.Locator(".field-error")).ToHaveTextAsync("A rejection needs a reason.");
        Assert.Equal("pending-approval", (await OrderAsync(api, orderId)).GetProperty("status").GetString());

        const string Why = "Price not agreed with the customer";
        await reason.FillAsync(Why);
        await ConsolePage.ScreenshotAsync(page, "approvals-reject-with-reason");
        await row.GetByRole(AriaRole.Button, new() { Name = "Reject order", Exact = true }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.Locator(".ap-outcomes")).ToContainTextAsync($"Rejected order {orderId} (manager): now cancelled.");

        var rejected = await OrderAsync(api, orderId);
        Assert.Equal("cancelled", rejected.GetProperty("status").GetString());
        var approval = rejected.GetProperty("approval");
        Assert.Equal("rejected", approval.GetProperty("status").GetString());
        Assert.Equal(Why, approval.GetProperty("rejectionReason").GetString());
        Assert.Equal("user:manager", approval.GetProperty("steps")[0].GetProperty("decidedBy").GetProperty("userId").GetString());
    }

    [Fact]
    public async Task The_clerk_and_finance_do_not_see_orders_waiting_for_the_manager_and_finance_sees_its_level_once_the_manager_approved()
    {
        using var clerk = await SignedInAsync(cluster, "clerk");
        using var manager = await SignedInAsync(cluster, "manager");
        using var api = cluster.Client();
        var customerId = "c-roles-" + Unique();
        var large = await CreateAsync(clerk, customerId, quantity: 1, unitPrice: 20_000m);
        var veryLarge = await CreateAsync(clerk, customerId, quantity: 1, unitPrice: 60_000m);
        var levels = (await OrderAsync(api, veryLarge)).GetProperty("approval").GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("level").GetString(), s.GetProperty("role").GetString(), s.GetProperty("status").GetString()));
        Assert.Equal([("manager", "order-manager", "waiting"), ("finance", "finance", "waiting")], levels);
        await UntilPendingListedAsync(api, customerId, large, veryLarge);

        // the clerk (sales) decides no level; finance's level comes after the manager's
        var clerkPage = await InboxAsync("clerk");
        await Expect(clerkPage.Locator("#ap-empty")).ToBeVisibleAsync();
        await Expect(Row(clerkPage, large)).ToHaveCountAsync(0);
        await Expect(Row(clerkPage, veryLarge)).ToHaveCountAsync(0);
        await ConsolePage.ScreenshotAsync(clerkPage, "approvals-inbox-empty-for-the-clerk");
        var financePage = await InboxAsync("finance");
        await Expect(Row(financePage, large)).ToHaveCountAsync(0);
        await Expect(Row(financePage, veryLarge)).ToHaveCountAsync(0);

        // the manager approves the very large order over the API: it now waits for finance, whose inbox shows it
        var version = (await OrderAsync(api, veryLarge)).GetProperty("version").GetInt64();
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{veryLarge}/approve") { Content = JsonContent.Create(new { level = "manager" }) })
        {
            request.Headers.IfMatch.Add(new($"\"{version}\""));
            await JsonAsync(await manager.SendAsync(request));
        }

        financePage = await InboxAsync("finance");
        var row = Row(financePage, veryLarge);
        await Expect(row).ToBeVisibleAsync(Visible);
        await Expect(row).ToContainTextAsync("finance (finance)");
        await Expect(Row(financePage, large)).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Approve order {veryLarge}" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        var approved = await OrderAsync(api, veryLarge);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(["user:manager", "user:finance"], approved.GetProperty("approval").GetProperty("steps").EnumerateArray()
            .Select(s => s.GetProperty("decidedBy").GetProperty("userId").GetString()));
        Assert.Equal("pending-approval", (await OrderAsync(api, large)).GetProperty("status").GetString());
    }
}
