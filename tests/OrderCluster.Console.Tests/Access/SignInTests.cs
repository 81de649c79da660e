using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Console.Tests.Support;
using OrderCluster.Testing;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Console.Tests.Access;

/// <summary>Sign-in: the console's session is an API key with the user's roles' scopes, tenant-scoped, ended by sign-out or by disabling the user.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleCluster cluster, Chromium chromium)
{
    [Fact]
    public async Task Signing_in_in_the_browser_shows_the_user_and_the_console_then_signing_out_ends_the_session()
    {
        var page = await chromium.NewPageAsync();
        await ConsolePage.SignInAsync(page, cluster.BaseAddress, "manager");

        await Expect(page.Locator("#who-name")).ToContainTextAsync("order-manager");
        await Expect(page.Locator("#who-tenant")).ToHaveTextAsync("tenant acme");
        var token = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('oc.console.session')).token");
        using var session = cluster.Client(token);
        var me = await session.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("manager", me.GetProperty("userName").GetString());
        Assert.Contains("orders:*", me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        await ConsolePage.ScreenshotAsync(page, "signed-in");

        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#signin-user")).ToBeVisibleAsync(ConsolePage.LongWait);
        await Eventually.TrueAsync(async () => (await session.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized, "the signed-out session is refused");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_the_page_with_the_reason_and_no_session()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(cluster.BaseAddress, "/console/").ToString());
        await page.Locator("#signin-tenant").FillAsync(ConsoleCluster.Tenant);
        await page.Locator("#signin-user").FillAsync("clerk");
        await page.Locator("#signin-password").FillAsync("not-the-password");
        await page.Locator("#signin-submit").ClickAsync();

        await Expect(page.Locator(".problem")).ToContainTextAsync("Wrong tenant, user name or password");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('oc.console.session')"));
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_session_acts_with_its_roles_scopes_in_its_own_tenant_and_audits_as_the_user()
    {
        using var anonymous = cluster.Client(key: null);
        var clerk = await SignInAsync(anonymous, "clerk");
        using var asClerk = cluster.Client(clerk.GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.OK, (await asClerk.GetAsync("/api/v1/orders?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asClerk.GetAsync("/api/v1/users")).StatusCode);      // admin only
        Assert.Equal(HttpStatusCode.Forbidden, (await asClerk.GetAsync("/api/v1/api-keys")).StatusCode);
        var created = await asClerk.PostAsJsonAsync("/api/v1/orders", OrderBody());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var orderId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
        var audit = await asClerk.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}/audit");
        Assert.Contains("user:clerk", audit.ToString());

        // Another tenant's user of the same name does not exist: sign-in names the tenant.
        var other = await anonymous.PostAsJsonAsync("/api/v1/sessions", new { tenant = "globex", username = "clerk", password = ConsoleCluster.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_ends_its_sessions_and_refuses_its_sign_in()
    {
        using var admin = cluster.Client();
        var username = "temp-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/users", new { username, password = ConsoleCluster.Password, roles = new[] { "sales" } })).StatusCode);
        using var anonymous = cluster.Client(key: null);
        using var session = cluster.Client((await SignInAsync(anonymous, username)).GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{username}", new { disabled = true })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
        var again = await anonymous.PostAsJsonAsync("/api/v1/sessions", new { tenant = ConsoleCluster.Tenant, username, password = ConsoleCluster.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Users_are_validated_listed_without_password_hashes_and_changed_with_if_match()
    {
        using var admin = cluster.Client();
        var bad = await admin.PostAsJsonAsync("/api/v1/users", new { username = "bad name", password = "short", roles = new[] { "pirate" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("username", out _) && errors.TryGetProperty("password", out _) && errors.TryGetProperty("roles", out _), errors.ToString());

        var list = await admin.GetStringAsync("/api/v1/users");
        Assert.Contains("\"manager\"", list);
        Assert.DoesNotContain("passwordHash", list, StringComparison.OrdinalIgnoreCase);

        var read = await admin.GetAsync("/api/v1/users/finance");
        var etag = read.Headers.ETag!.Tag;
        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/users/finance") { Content = JsonContent.Create(new { displayName = "Finance desk" }) };
        stale.Headers.IfMatch.ParseAdd("\"999\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale)).StatusCode);
        using var fresh = new HttpRequestMessage(HttpMethod.Put, "/api/v1/users/finance") { Content = JsonContent.Create(new { displayName = "Finance desk" }) };
        fresh.Headers.IfMatch.ParseAdd(etag);
        var changed = await admin.SendAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Finance desk", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Many_concurrent_sign_ins_each_get_their_own_working_session()
    {
        using var anonymous = cluster.Client(key: null);
        var sessions = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => SignInAsync(anonymous, ConsoleCluster.Users.Keys.ElementAt(i % 4))));

        var tokens = sessions.Select(s => s.GetProperty("token").GetString()!).ToArray();
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
        foreach (var (token, i) in tokens.Select((t, i) => (t, i)))
        {
            using var client = cluster.Client(token);
            var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
            Assert.Equal(ConsoleCluster.Users.Keys.ElementAt(i % 4), me.GetProperty("userName").GetString());
        }
    }

    private static async Task<JsonElement> SignInAsync(HttpClient anonymous, string username)
    {
        var response = await anonymous.PostAsJsonAsync("/api/v1/sessions", new { tenant = ConsoleCluster.Tenant, username, password = ConsoleCluster.Password });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object OrderBody() => new
    {
        customer = new { customerId = "c-signin", name = "Jane Doe" },
        channel = new { kind = "online" },
        currency = "EUR",
        lines = new[] { new { sku = "SKU-1", name = "Lamp", quantity = 1, unitPrice = 20.0 } },
        shippingAddress = new { name = "Jane Doe", line1 = "Hauptstraße 1", city = "Berlin", postalCode = "10115", countryCode = "DE" },
        shipping = new { method = "standard", carrier = "DHL", price = 4.5 },
    };
}
