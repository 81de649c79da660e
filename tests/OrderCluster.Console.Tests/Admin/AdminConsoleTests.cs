using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderCluster.Console.Tests.Support;
using OrderCluster.Testing;
using static Microsoft.Playwright.Assertions;
using static OrderCluster.Console.Tests.Support.ConsoleApi;

namespace OrderCluster.Console.Tests.Admin;

/// <summary>
/// The administration view in headless Chromium, signed in as <c>admin</c> (and once as the <c>clerk</c>): each test does the
/// thing through the page, then reads the result back through the public API with the admin key.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdminConsoleTests(ConsoleCluster cluster, Chromium chromium)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    private async Task<IPage> AdminAtAsync(string tab, string user = "admin")
    {
        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, user);
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        if (tab != "workflow") await page.Locator(".admin-tabs").GetByRole(AriaRole.Link, new() { Name = tab, Exact = true }).ClickAsync();
        return page;
    }

    private static Task<string> CreateOrderAsync(HttpClient api, string customerId) =>
        ConsoleApi.CreateOrderAsync(api, customerId, [new { sku = "SKU-1", name = "Widget", quantity = 2, unitPrice = 10.00m }]);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Adding_a_custom_field_publishes_a_new_version_and_a_bad_name_shows_its_field_error_and_changes_nothing()
    {
        using var api = cluster.Client();
        var before = await JsonAsync(await api.GetAsync("/api/v1/config/custom-fields"));
        var version = before.GetProperty("version").GetInt32();
        var name = "giftNote" + Suffix();
        var page = await AdminAtAsync("Custom fields");
        await Expect(page.Locator(".admin-version-number")).ToHaveAttributeAsync("data-version", version.ToString(CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        var row = page.Locator(".cf-row").Last;
        await row.GetByLabel("Field name").FillAsync(name);
        await row.GetByLabel("Label").FillAsync("Gift note");
        await row.GetByLabel("Type").SelectOptionAsync("string");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.Locator(".admin-version-number")).ToHaveAttributeAsync("data-version", (version + 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator(".cf-name").Last).ToHaveValueAsync(name);

        var after = await JsonAsync(await api.GetAsync("/api/v1/config/custom-fields"));
        Assert.Equal(version + 1, after.GetProperty("version").GetInt32());
        var field = after.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        Assert.Equal("Gift note", field.GetProperty("label").GetString());
        Assert.Equal("string", field.GetProperty("type").GetString());
        Assert.False(field.GetProperty("required").GetBoolean());

        // a name that is not an identifier: the 422 names fields[n].name, shown at that input; nothing is published
        await page.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        var bad = page.Locator(".cf-row").Last;
        await bad.GetByLabel("Field name").FillAsync("9 bad name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(bad.GetByLabel("Field name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(bad.Locator(".field-error")).ToContainTextAsync("must be a letter");
        await Expect(page.Locator(".admin-status .problem")).ToBeVisibleAsync();
        await ConsolePage.ScreenshotAsync(page, "admin-custom-fields");

        var unchanged = await JsonAsync(await api.GetAsync("/api/v1/config/custom-fields"));
        Assert.Equal(version + 1, unchanged.GetProperty("version").GetInt32());
        Assert.DoesNotContain(unchanged.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "9 bad name");
    }

    [Fact]
    public async Task A_webhook_subscription_shows_its_secret_once_logs_its_deliveries_and_pauses()
    {
        await using var receiver = await HookReceiver.StartAsync();
        using var api = cluster.Client();
        var segment = "admin-" + Suffix();
        var page = await AdminAtAsync("Webhooks");

        await page.GetByLabel("Receiver URL").FillAsync(receiver.UrlFor(segment));
        await page.GetByLabel("Event types").FillAsync("order.created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        var secretText = page.Locator(".secret-once .secret-text");
        await Expect(secretText).ToBeVisibleAsync(Visible);
        await Expect(page.Locator(".secret-once")).ToContainTextAsync("shown only this once");
        var secret = (await secretText.TextContentAsync())!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var row = page.Locator("table.webhooks tbody tr", new() { HasText = segment });
        await Expect(row).ToBeVisibleAsync();
        var id = (await row.GetAttributeAsync("data-subscription"))!;

        // an order makes a delivery, signed with the secret the page showed
        var orderId = await CreateOrderAsync(api, "c-admin-hook-" + Suffix());
        await Eventually.TrueAsync(() => receiver.Received.Any(r => r.Body.Contains(orderId, StringComparison.Ordinal)), "the receiver got the order's delivery");
        var hook = receiver.Received.First(r => r.Body.Contains(orderId, StringComparison.Ordinal));
        Assert.True(SignedBy(hook.Signature, secret, hook.Body), "the delivery is signed with the secret shown once");

        await row.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
        var delivery = page.Locator("table.webhook-deliveries tbody tr", new() { HasText = orderId });
        await Eventually.TrueAsync(async () =>
        {
            await page.Locator("#webhook-deliveries").GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            return await delivery.Locator(".delivery-succeeded").CountAsync() == 1;
        }, "the delivery log shows the succeeded delivery");
        await Expect(delivery).ToContainTextAsync("200");
        await Expect(delivery).ToContainTextAsync("order.created");
        await ConsolePage.ScreenshotAsync(page, "admin-webhooks-deliveries");

        // pause: the API shows it disabled; the secret is gone from the page
        await row.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Locator("table.webhooks tbody tr", new() { HasText = segment }).Locator(".badge")).ToHaveTextAsync("paused");
        await Expect(page.Locator(".secret-once")).ToHaveCountAsync(0);
        var paused = await JsonAsync(await api.GetAsync($"/api/v1/webhooks/{id}"));
        Assert.Equal("disabled", paused.GetProperty("status").GetString());
        var log = await JsonAsync(await api.GetAsync($"/api/v1/webhooks/{id}/deliveries"));
        var logged = log.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("orderId").GetString() == orderId);
        Assert.Equal("succeeded", logged.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_failed_delivery_is_replayed_from_the_log_a_rotated_secret_is_shown_once_and_a_deleted_subscription_is_gone()
    {
        await using var receiver = await HookReceiver.StartAsync();
        using var api = cluster.Client();
        var segment = "admin-replay-" + Suffix();
        receiver.Failing[segment] = true;
        var page = await AdminAtAsync("Webhooks");
        await page.GetByLabel("Receiver URL").FillAsync(receiver.UrlFor(segment));
        await page.GetByLabel("Event types").FillAsync("order.created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.Locator(".secret-once .secret-text")).ToBeVisibleAsync(Visible);
        var firstSecret = (await page.Locator(".secret-once .secret-text").TextContentAsync())!;
        var row = page.Locator("table.webhooks tbody tr", new() { HasText = segment });
        var id = (await row.GetAttributeAsync("data-subscription"))!;

        // the receiver answers 500: one attempt (Webhooks:MaxAttempts=1 in the test cluster) and the delivery has failed
        var orderId = await CreateOrderAsync(api, "c-admin-replay-" + Suffix());
        await row.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
        var delivery = page.Locator("table.webhook-deliveries tbody tr", new() { HasText = orderId });
        await Eventually.TrueAsync(async () =>
        {
            await page.Locator("#webhook-deliveries").GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            return await delivery.Locator(".delivery-failed").CountAsync() == 1;
        }, "the delivery log shows the failed delivery");
        await Expect(delivery).ToContainTextAsync("500");

        // the receiver recovers; Replay sends it again now
        receiver.Failing.TryRemove(segment, out _);
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(delivery.Locator(".delivery-succeeded")).ToBeVisibleAsync(Visible);
        await Expect(delivery).ToContainTextAsync("200");
        await ConsolePage.ScreenshotAsync(page, "admin-webhook-replayed");
        var log = await JsonAsync(await api.GetAsync($"/api/v1/webhooks/{id}/deliveries"));
        var replayed = log.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("orderId").GetString() == orderId);
        Assert.Equal("succeeded", replayed.GetProperty("status").GetString());
        Assert.Equal(["initial", "replay"], replayed.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("trigger").GetString()));
        Assert.Equal([500, 200], replayed.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));

        // rotating shows the new secret once; the next delivery is signed with it
        var version = (await JsonAsync(await api.GetAsync($"/api/v1/webhooks/{id}"))).GetProperty("version").GetInt64();
        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        await Expect(page.Locator(".secret-once")).ToContainTextAsync($"New signing secret of {id}");
        var secret = (await page.Locator(".secret-once .secret-text").TextContentAsync())!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEqual(firstSecret, secret);
        Assert.Equal(version + 1, (await JsonAsync(await api.GetAsync($"/api/v1/webhooks/{id}"))).GetProperty("version").GetInt64());
        var next = await CreateOrderAsync(api, "c-admin-replay-" + Suffix());
        await Eventually.TrueAsync(() => receiver.Received.Any(r => r.Body.Contains(next, StringComparison.Ordinal)), "the receiver got the next order's delivery");
        var hook = receiver.Received.First(r => r.Body.Contains(next, StringComparison.Ordinal));
        Assert.True(SignedBy(hook.Signature, secret, hook.Body), "the delivery is signed with the rotated secret");

        // delete asks once more, then the subscription is gone
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm delete" }).ClickAsync();
        await Expect(page.Locator("table.webhooks tbody tr", new() { HasText = segment })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_sla_form_shows_each_rules_duration_a_zero_duration_shows_its_field_error_and_history_shows_a_version_as_the_api_has_it()
    {
        using var api = cluster.Client();
        var policy = await JsonAsync(await api.GetAsync("/api/v1/config/sla-policy"));
        var version = policy.GetProperty("version").GetInt32();
        var page = await AdminAtAsync("SLA policy");
        await Expect(page.Locator(".admin-version-number")).ToHaveAttributeAsync("data-version", version.ToString(CultureInfo.InvariantCulture));
        var durations = policy.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("within").GetString()!).ToArray();
        Assert.NotEmpty(durations);
        await Expect(page.Locator(".sla-row")).ToHaveCountAsync(durations.Length);
        for (var i = 0; i < durations.Length; i++) await Expect(page.Locator(".sla-row .sla-within").Nth(i)).ToHaveValueAsync(durations[i]);

        await page.Locator(".sla-row .sla-within").First.FillAsync("00:00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.Locator(".sla-row .sla-within").First).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".sla-row").First.Locator(".field-error")).ToContainTextAsync("within is positive");
        Assert.Equal(version, (await JsonAsync(await api.GetAsync("/api/v1/config/sla-policy"))).GetProperty("version").GetInt32());

        await page.Locator(".admin-history summary").ClickAsync();
        await page.Locator(".admin-history").GetByLabel("Version").SelectOptionAsync(version.ToString(CultureInfo.InvariantCulture));
        await page.Locator(".admin-history").GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator(".admin-history-json")).ToContainTextAsync($"\"version\": {version}");
        await ConsolePage.ScreenshotAsync(page, "admin-sla-policy");
        var shown = JsonNode.Parse((await page.Locator(".admin-history-json").TextContentAsync())!);
        var stored = JsonNode.Parse(await api.GetStringAsync($"/api/v1/config/sla-policy/versions/{version}"));
        Assert.True(JsonNode.DeepEquals(stored, shown), "the history shows the version as the API has it");
    }

    private static bool SignedBy(string header, string secret, string body)
    {
        var parts = header.Split(',');
        var t = long.Parse(parts.Single(p => p.StartsWith("t=", StringComparison.Ordinal))[2..], CultureInfo.InvariantCulture);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        return parts.Contains("v1=" + expected);
    }

    [Fact]
    public async Task An_api_key_created_with_orders_read_reads_orders_is_refused_a_write_and_after_revoking_is_unauthorized()
    {
        var name = "reader-" + Suffix();
        var page = await AdminAtAsync("API keys");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "orders:read", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var keyText = page.Locator(".secret-once .secret-text");
        await Expect(keyText).ToBeVisibleAsync(Visible);
        var key = (await keyText.TextContentAsync())!;
        Assert.StartsWith("oc_", key, StringComparison.Ordinal);
        var row = page.Locator("table.api-keys tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("orders:read");
        await ConsolePage.ScreenshotAsync(page, "admin-api-key-created");

        using var withKey = new HttpClient { BaseAddress = cluster.BaseAddress };
        withKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/v1/orders?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await withKey.PostAsJsonAsync("/api/v1/orders", new { })).StatusCode); // the scope is checked before the body

        var revoke = row.GetByRole(AriaRole.Button, new() { Name = "Revoke" });
        await revoke.ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirm revoke" }).ClickAsync();
        await Expect(page.Locator("table.api-keys tbody tr", new() { HasText = name })).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/v1/orders?limit=1")).StatusCode);
        using var api = cluster.Client();
        var keys = await JsonAsync(await api.GetAsync("/api/v1/api-keys"));
        var listed = keys.EnumerateArray().Single(k => k.GetProperty("name").GetString() == name);
        Assert.Equal(["orders:read"], listed.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.String, listed.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task A_rule_set_to_dry_run_logs_what_it_would_do_for_an_order_and_counts_it_while_changing_nothing()
    {
        using var api = cluster.Client();
        var suffix = Suffix();
        var ruleId = "admin-dry-" + suffix;
        var customerId = "c-admin-dry-" + suffix;
        var tag = "would-" + suffix;
        // a live rule for this test's customer only, added to whatever rules the tenant has
        await Eventually.TrueAsync(async () =>
        {
            var current = await JsonAsync(await api.GetAsync("/api/v1/config/automation-rules"));
            var rules = current.GetProperty("rules").EnumerateArray().Select(r => (object)r).Append(new
            {
                ruleId, name = "Tag this customer's orders", trigger = new { eventType = "order.created" },
                condition = new { field = "customer.id", @operator = "equals", value = customerId },
                steps = new[] { new { kind = "addTag", value = tag } },
            }).ToArray();
            var put = await api.PutAsJsonAsync("/api/v1/config/automation-rules", new { expectedVersion = current.GetProperty("version").GetInt32(), rules });
            return put.StatusCode == HttpStatusCode.OK; // 409 only when another test published in between: read again
        }, "the rule is published");

        var page = await AdminAtAsync("Automation");
        var toggle = page.GetByRole(AriaRole.Checkbox, new() { Name = $"Dry run {ruleId}" });
        await Expect(toggle).Not.ToBeCheckedAsync();
        await toggle.CheckAsync();
        // the page re-reads the published set: the rule's toggle is labelled as a dry run and enabled again
        var toggleCell = page.Locator("table.automation-rules tbody tr", new() { HasText = ruleId }).Locator(".admin-toggle");
        await Expect(toggleCell).ToHaveTextAsync("dry run");
        await Expect(toggle).ToBeEnabledAsync();
        await Expect(toggle).ToBeCheckedAsync();
        var published = await JsonAsync(await api.GetAsync("/api/v1/config/automation-rules"));
        Assert.True(published.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == ruleId).GetProperty("dryRun").GetBoolean());

        var orderId = await CreateOrderAsync(api, customerId);
        await Eventually.TrueAsync(async () =>
        {
            var log = await JsonAsync(await api.GetAsync($"/api/v1/orders/{orderId}/automation-log"));
            return log.EnumerateArray().Any(e => e.GetProperty("ruleId").GetString() == ruleId && e.GetProperty("outcome").GetString() == "dry-run");
        }, "the order's automation log has the rule's dry run");

        await page.GetByLabel("Order id").FillAsync(orderId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show log" }).ClickAsync();
        var entry = page.Locator("table.automation-log tbody tr", new() { HasText = ruleId });
        await Expect(entry.Locator(".outcome-dry-run")).ToHaveTextAsync("dry-run");
        await Expect(entry).ToContainTextAsync("would");
        await Eventually.TrueAsync(async () =>
        {
            await page.Locator("#automation-stats").GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            return await DryRunCountShownAsync(page, ruleId) == "1";
        }, "the stats show the rule's one dry run");
        await ConsolePage.ScreenshotAsync(page, "admin-automation-dry-run");

        var stats = await JsonAsync(await api.GetAsync("/api/v1/config/automation-rules/stats"));
        Assert.Equal(1, stats.EnumerateArray().Single(s => s.GetProperty("ruleId").GetString() == ruleId).GetProperty("outcomes").GetProperty("dry-run").GetInt64());
        var order = await JsonAsync(await api.GetAsync($"/api/v1/orders/{orderId}"));
        Assert.DoesNotContain(tag, order.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    /// <summary>The stats table's dry-run cell of the rule's row ("" while either is missing).</summary>
    private static async Task<string> DryRunCountShownAsync(IPage page, string ruleId)
    {
        var headers = (await page.Locator("#automation-stats thead th").AllTextContentsAsync()).ToList();
        var row = page.Locator("#automation-stats tbody tr", new() { HasText = ruleId });
        var column = headers.IndexOf("dry-run");
        if (column < 0 || await row.CountAsync() != 1) return "";
        return (await row.Locator("td").Nth(column).TextContentAsync())!.Trim();
    }

    [Fact]
    public async Task The_clerk_sees_that_administration_needs_the_admin_scope_and_no_forms()
    {
        var page = await AdminAtAsync("workflow", "clerk");
        await Expect(page.Locator("#admin-denied")).ToContainTextAsync("needs the admin scope");
        await Expect(page.Locator("#view form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#view textarea")).ToHaveCountAsync(0);
        await page.GotoAsync(new Uri(cluster.BaseAddress, "/console#/admin/webhooks").ToString());
        await Expect(page.Locator("#admin-denied")).ToBeVisibleAsync();
        await Expect(page.Locator("#view form")).ToHaveCountAsync(0);
        await ConsolePage.ScreenshotAsync(page, "admin-clerk-denied");

        // the API agrees: the clerk's session may read the configuration but not publish it
        using var anonymous = new HttpClient { BaseAddress = cluster.BaseAddress };
        var session = await JsonAsync(await anonymous.PostAsJsonAsync("/api/v1/sessions", new { tenant = "acme", username = "clerk", password = ConsoleCluster.Password }), HttpStatusCode.Created);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PutAsJsonAsync("/api/v1/config/custom-fields", new { fields = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync("/api/v1/webhooks")).StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_a_user_changes_its_roles_resets_its_password_and_disables_it()
    {
        var username = "temp-" + Suffix();
        var page = await AdminAtAsync("Users");
        var create = page.Locator("#user-create");
        await create.GetByLabel("Username").FillAsync(username);
        await create.GetByLabel("Password").FillAsync("first-password-1");
        await create.GetByLabel("Display name").FillAsync("Temp Clerk");
        await create.GetByRole(AriaRole.Checkbox, new() { Name = "sales", Exact = true }).CheckAsync();
        await create.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var row = page.Locator("table.users tbody tr", new() { HasText = username });
        await Expect(row).ToContainTextAsync("sales");

        using var api = cluster.Client();
        using var anonymous = cluster.Client(null);
        Task<HttpResponseMessage> SignInAsync(string password) =>
            anonymous.PostAsJsonAsync("/api/v1/sessions", new { tenant = ConsoleCluster.Tenant, username, password });
        Assert.Equal(HttpStatusCode.Created, (await SignInAsync("first-password-1")).StatusCode);

        // roles: sales becomes finance; a new password
        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var edit = page.Locator("#user-edit");
        await edit.GetByRole(AriaRole.Checkbox, new() { Name = "sales", Exact = true }).UncheckAsync();
        await edit.GetByRole(AriaRole.Checkbox, new() { Name = "finance", Exact = true }).CheckAsync();
        await edit.GetByLabel("New password").FillAsync("second-password-2");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save user" }).ClickAsync();
        await Expect(page.Locator("table.users tbody tr", new() { HasText = username })).ToContainTextAsync("finance");
        var changed = await JsonAsync(await api.GetAsync($"/api/v1/users/{username}"));
        Assert.Equal(["finance"], changed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Temp Clerk", changed.GetProperty("displayName").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("first-password-1")).StatusCode);
        var session = await JsonAsync(await SignInAsync("second-password-2"), HttpStatusCode.Created);
        Assert.Equal(["finance"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // disabled: listed as such, and signing in is refused
        await page.Locator("table.users tbody tr", new() { HasText = username }).GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.Locator("#user-edit").GetByLabel("Disabled").CheckAsync();
        await page.Locator("#user-edit").GetByRole(AriaRole.Button, new() { Name = "Save user" }).ClickAsync();
        await Expect(page.Locator("table.users tbody tr", new() { HasText = username })).ToContainTextAsync("disabled");
        await ConsolePage.ScreenshotAsync(page, "admin-users");
        Assert.True((await JsonAsync(await api.GetAsync($"/api/v1/users/{username}"))).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("second-password-2")).StatusCode);
    }
}
