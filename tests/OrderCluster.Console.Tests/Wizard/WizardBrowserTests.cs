using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OrderCluster.Console.Tests.Support;
using OrderCluster.Testing.Browser;
using static Microsoft.Playwright.Assertions;
using static OrderCluster.Console.Tests.Approvals.ApprovalsFixtures;
using static OrderCluster.Console.Tests.Support.ConsoleApi;

namespace OrderCluster.Console.Tests.Wizard;

/// <summary>
/// The order-creation wizard (#/new) in headless Chromium, signed in as the clerk and driven by the keyboard where a person
/// would (Enter submits a step): the order it submits, a refused step and a template-started draft are read back through the API.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class WizardBrowserTests(ConsoleCluster cluster, Chromium chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToHaveTextOptions Text = new() { Timeout = 60_000 };

    private static readonly Regex OrderUrl = new("#/orders/[^/?]+$");

    private static ILocator Label(IPage page, string text) => page.GetByLabel(text, new() { Exact = true });

    private static ILocator Count(IPage page) => page.Locator("#wz-count");

    private async Task<IPage> NewOrderAsync()
    {
        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "clerk");
        await page.GetByRole(AriaRole.Link, new() { Name = "New order" }).ClickAsync();
        await Expect(Label(page, "Customer id")).ToBeFocusedAsync(new() { Timeout = 60_000 });
        return page;
    }

    private static async Task RegisterCustomerAsync(HttpClient api, string customerId, string name)
    {
        var profile = new
        {
            name, emails = new[] { "alan@example.com" },
            addresses = new[] { new { name, line1 = "2 Bletchley Park", city = "Milton Keynes", postalCode = "MK3 6EB", countryCode = "GB" } },
            defaultShippingAddress = 0,
        };
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/customers/{customerId}", new { profile }));
    }

    private static string DraftIdOf(IPage page) => new Uri(page.Url).Fragment.Replace("#/drafts/", "", StringComparison.Ordinal);

    [Fact]
    public async Task The_clerk_registers_a_new_customer_and_creates_an_order_through_the_four_steps_and_the_api_has_it()
    {
        using var api = cluster.Client();
        var unique = Unique();
        var customerId = "c-wizard-" + unique;
        var tag = "wizard-" + unique;
        var page = await NewOrderAsync();
        await Expect(Count(page)).ToHaveTextAsync("Step 1 of 4 — 4 steps instead of the classic form's 7.");

        // 1. customer: an unknown id asks for the new customer's details, whose address prefills step 3
        await Label(page, "Customer id").FillAsync(customerId);
        await page.Keyboard.PressAsync("Enter");
        await Expect(Label(page, "Customer name")).ToBeFocusedAsync(new() { Timeout = 60_000 });
        await Label(page, "Customer name").FillAsync("Grace Hopper");
        await Label(page, "Customer e-mail").FillAsync("grace@example.com");
        await Label(page, "Customer address line 1").FillAsync("7 Cobol Street");
        await Label(page, "Customer city").FillAsync("Arlington");
        await Label(page, "Customer postal code").FillAsync("22201");
        await Label(page, "Customer country code").FillAsync("us");
        await page.Keyboard.PressAsync("Enter");

        // 2. lines, with a running total
        await Expect(Count(page)).ToHaveTextAsync("Step 2 of 4 — 4 steps instead of the classic form's 7.", Text);
        await Expect(Label(page, "SKU, line 1")).ToBeFocusedAsync();
        await Label(page, "SKU, line 1").FillAsync("SKU-A");
        await Label(page, "Name, line 1").FillAsync("Compiler");
        await Label(page, "Quantity, line 1").FillAsync("3");
        await Label(page, "Unit price, line 1").FillAsync("12.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add line" }).ClickAsync();
        await Expect(Label(page, "SKU, line 2")).ToBeFocusedAsync();
        await Label(page, "SKU, line 2").FillAsync("SKU-B");
        await Label(page, "Quantity, line 2").FillAsync("1");
        await Label(page, "Unit price, line 2").FillAsync("99.99");
        await Expect(page.Locator("#wz-running-total")).ToHaveTextAsync("Subtotal: 137.49 EUR (2 lines)");
        await page.Keyboard.PressAsync("Enter");

        // 3. addresses (prefilled from the new customer) and shipping
        await Expect(Count(page)).ToHaveTextAsync("Step 3 of 4 — 4 steps instead of the classic form's 7.", Text);
        await Expect(Label(page, "Ship to: City")).ToHaveValueAsync("Arlington");
        await Expect(Label(page, "Ship to: Country code")).ToHaveValueAsync("US");
        await Expect(Label(page, "Bill to the shipping address")).ToBeCheckedAsync();
        await Label(page, "Shipping method").FillAsync("express");
        await Label(page, "Carrier (optional)").FillAsync("UPS");
        await Label(page, "Priority").SelectOptionAsync("high");
        await Label(page, "Tags (optional)").FillAsync(tag);
        await Label(page, "Shipping price (EUR)").FillAsync("7.50");
        await page.Keyboard.PressAsync("Enter");

        // 4. review: the API's totals and approval preview, then submit
        await Expect(Count(page)).ToHaveTextAsync("Step 4 of 4 — 4 steps instead of the classic form's 7.", Text);
        await Expect(page.Locator("#wz-total")).ToHaveTextAsync("144.99 EUR");
        await Expect(page.Locator("#wz-approval")).ToHaveTextAsync("No approval needed");
        await Expect(page.Locator(".wz-review-lines tbody tr")).ToHaveCountAsync(2);
        await ConsolePage.ScreenshotAsync(page, "wizard-review");
        var draftId = DraftIdOf(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit order" }).ClickAsync();
        await page.WaitForURLAsync(OrderUrl, new() { Timeout = 60_000 });
        var orderId = new Uri(page.Url).Fragment.Replace("#/orders/", "", StringComparison.Ordinal);

        var order = await OrderAsync(api, orderId);
        Assert.Equal(customerId, order.GetProperty("customer").GetProperty("customerId").GetString());
        Assert.Equal("Grace Hopper", order.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal([("SKU-A", "Compiler", 3, 12.50m), ("SKU-B", "SKU-B", 1, 99.99m)], order.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("name").GetString(), l.GetProperty("quantity").GetInt32(), l.GetProperty("unitPrice").GetDecimal())));
        var shipping = order.GetProperty("shipping");
        Assert.Equal(("express", "UPS", 7.50m), (shipping.GetProperty("method").GetString(), shipping.GetProperty("carrier").GetString(), shipping.GetProperty("price").GetDecimal()));
        var address = order.GetProperty("shippingAddress");
        Assert.Equal(("Grace Hopper", "7 Cobol Street", "Arlington", "22201", "US"), (address.GetProperty("name").GetString(), address.GetProperty("line1").GetString(),
            address.GetProperty("city").GetString(), address.GetProperty("postalCode").GetString(), address.GetProperty("countryCode").GetString()));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("billingAddress").ValueKind);
        Assert.Equal("high", order.GetProperty("priority").GetString());
        Assert.Contains(tag, order.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(144.99m, order.GetProperty("totals").GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal("user:clerk", order.GetProperty("createdBy").GetProperty("userId").GetString());

        var customer = await JsonAsync(await api.GetAsync($"/api/v1/customers/{customerId}"));
        Assert.True(customer.GetProperty("registered").GetBoolean());
        Assert.Equal("grace@example.com", customer.GetProperty("profile").GetProperty("emails")[0].GetString());
        var draft = await JsonAsync(await api.GetAsync($"/api/v1/drafts/{draftId}"));
        Assert.Equal(("submitted", orderId), (draft.GetProperty("status").GetString(), draft.GetProperty("orderId").GetString()));
    }

    [Fact]
    public async Task A_quantity_of_zero_is_refused_at_the_lines_step_the_apis_own_refusal_is_shown_at_the_field_nothing_is_submitted_and_a_reload_resumes_the_draft()
    {
        using var api = cluster.Client();
        var customerId = "c-wizard-bad-" + Unique();
        await RegisterCustomerAsync(api, customerId, "Alan Turing");
        var page = await NewOrderAsync();

        // an existing customer: found, then Continue
        await Label(page, "Customer id").FillAsync(customerId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find customer" }).ClickAsync();
        await Expect(page.Locator(".wz-found")).ToContainTextAsync($"Alan Turing ({customerId})", new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(Label(page, "SKU, line 1")).ToBeFocusedAsync(new() { Timeout = 60_000 });
        var draftId = DraftIdOf(page);
        var before = await JsonAsync(await api.GetAsync($"/api/v1/drafts/{draftId}"));
        Assert.Equal("lines", before.GetProperty("currentStep").GetString());

        // quantity 0: the page refuses it before sending
        await Label(page, "SKU, line 1").FillAsync("SKU-Z");
        await Label(page, "Quantity, line 1").FillAsync("0");
        await Label(page, "Unit price, line 1").FillAsync("5");
        await page.Keyboard.PressAsync("Enter");
        var quantity = Label(page, "Quantity, line 1");
        await Expect(quantity).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(quantity).ToBeFocusedAsync();
        await Expect(page.Locator($"#{await quantity.GetAttributeAsync("id")}-error")).ToHaveTextAsync("The quantity is a whole number of at least 1.");
        await ConsolePage.ScreenshotAsync(page, "wizard-lines-quantity-zero");
        var unchanged = await JsonAsync(await api.GetAsync($"/api/v1/drafts/{draftId}"));
        Assert.Equal(before.GetProperty("version").GetInt64(), unchanged.GetProperty("version").GetInt64());

        // above the API's maximum: the 422 names lines[0].quantity, shown at that field; the draft keeps no lines
        await quantity.FillAsync("2000000");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".wz-status .problem")).ToBeVisibleAsync(Visible);
        await Expect(quantity).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator($"#{await quantity.GetAttributeAsync("id")}-error")).ToContainTextAsync("between 1 and 1000000");
        await Expect(Count(page)).ToHaveTextAsync("Step 2 of 4 — 4 steps instead of the classic form's 7.");
        var refused = await JsonAsync(await api.GetAsync($"/api/v1/drafts/{draftId}"));
        Assert.Equal(("open", "lines", 0), (refused.GetProperty("status").GetString(), refused.GetProperty("currentStep").GetString(), refused.GetProperty("lines").GetArrayLength()));
        Assert.Equal(before.GetProperty("version").GetInt64(), refused.GetProperty("version").GetInt64());
        var orders = await JsonAsync(await api.GetAsync($"/api/v1/customers/{customerId}/orders"));
        Assert.Equal(0, orders.GetProperty("items").GetArrayLength());

        // corrected: the step is saved and the wizard moves on
        await quantity.FillAsync("2");
        await page.Keyboard.PressAsync("Enter");
        await Expect(Count(page)).ToHaveTextAsync("Step 3 of 4 — 4 steps instead of the classic form's 7.", Text);
        await Expect(Label(page, "Ship to: City")).ToHaveValueAsync("Milton Keynes");
        var saved = await JsonAsync(await api.GetAsync($"/api/v1/drafts/{draftId}"));
        Assert.Equal(("fulfilment", 2), (saved.GetProperty("currentStep").GetString(), saved.GetProperty("lines")[0].GetProperty("quantity").GetInt32()));

        // the address bar names the draft: a reload resumes it at its step
        await page.ReloadAsync();
        await Expect(Count(page)).ToHaveTextAsync("Step 3 of 4 — 4 steps instead of the classic form's 7.", Text);
        await Expect(Label(page, "Ship to: Name")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "2. Lines" }).ClickAsync();
        await Expect(Label(page, "Quantity, line 1")).ToHaveValueAsync("2", new() { Timeout = 60_000 });
        Assert.Equal("lines", (await JsonAsync(await api.GetAsync($"/api/v1/drafts/{draftId}"))).GetProperty("currentStep").GetString());
    }

    [Fact]
    public async Task A_draft_started_from_a_template_has_its_lines_and_goes_from_the_customer_to_the_addresses()
    {
        using var api = cluster.Client();
        var unique = Unique();
        var templateId = "tpl-" + unique;
        var customerId = "c-wizard-tpl-" + unique;
        await RegisterCustomerAsync(api, customerId, "Alan Turing");
        await JsonAsync(await api.PutAsJsonAsync($"/api/v1/config/templates/{templateId}", new
        {
            templateId, name = "Starter kit " + unique, currency = "EUR",
            lines = new[] { new { sku = "KIT-1", name = "Starter kit", quantity = 2, unitPrice = 20.00m } },
            shipping = new { method = "standard", price = 5.00m },
        }));
        var page = await NewOrderAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Starter kit " + unique }).ClickAsync();
        await Expect(page.GetByText($"Starting from template Starter kit {unique} ({templateId}).")).ToBeVisibleAsync(Visible);
        await Expect(Label(page, "Currency")).ToHaveValueAsync("EUR");

        await Label(page, "Customer id").FillAsync(customerId);
        await page.Keyboard.PressAsync("Enter");
        await Expect(Count(page)).ToHaveTextAsync(
            $"Step 3 of 4 — 4 steps instead of the classic form's 7; from template {templateId} the lines are prefilled, so 3 screens to fill in.", Text);
        await Expect(Label(page, "Shipping method")).ToHaveValueAsync("standard");
        await Expect(Label(page, "Ship to: Name")).ToBeFocusedAsync();
        await Expect(Label(page, "Ship to: City")).ToHaveValueAsync("Milton Keynes");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#wz-total")).ToHaveTextAsync("45.00 EUR", Text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit order" }).ClickAsync();
        await page.WaitForURLAsync(OrderUrl, new() { Timeout = 60_000 });

        var order = await OrderAsync(api, new Uri(page.Url).Fragment.Replace("#/orders/", "", StringComparison.Ordinal));
        var line = Assert.Single(order.GetProperty("lines").EnumerateArray());
        Assert.Equal(("KIT-1", 2, 20.00m), (line.GetProperty("sku").GetString(), line.GetProperty("quantity").GetInt32(), line.GetProperty("unitPrice").GetDecimal()));
        Assert.Equal(customerId, order.GetProperty("customer").GetProperty("customerId").GetString());
        Assert.Equal("Milton Keynes", order.GetProperty("shippingAddress").GetProperty("city").GetString());
    }
}
