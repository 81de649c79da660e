using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Security;

/// <summary>
/// Every route of the silo, taken from its route table: without credentials, with a well-formed but unknown key, a
/// malformed one, a revoked one and an expired session's (each as <c>Authorization: Bearer</c> and as
/// <c>X-Api-Key</c>) it answers 401 problem details, except the short list of routes that are anonymous on purpose; a
/// key with only <c>orders:read</c> gets 403 on every write route that needs more.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CredentialTests(ApiCluster api)
{
    /// <summary>The routes anyone may call: the OpenAPI document and sign-in (rate limited per client address).</summary>
    private static readonly string[] AnonymousRoutes = ["GET /openapi/{documentName}.json", "POST /api/v1/sessions"];

    /// <summary>Write routes an <c>orders:read</c> key may call: an ad-hoc report (a read with a body) and signing out of its own session.</summary>
    private static readonly string[] WritesOpenToReaders = ["DELETE /api/v1/sessions/current", "POST /api/v1/reports/run"];

    [Fact]
    public async Task Only_the_openapi_document_and_sign_in_are_anonymous_and_every_other_route_answers_401_problem_details_without_a_key()
    {
        var routes = RouteTable.All(api);
        using var anonymous = api.Client(key: null);

        Assert.True(routes.Count > 100, $"only {routes.Count} routes mapped");
        Assert.Equal(AnonymousRoutes.Order(StringComparer.Ordinal), routes.Where(r => r.Anonymous).Select(r => r.ToString()).Order(StringComparer.Ordinal));
        var failures = new List<string>();
        foreach (var route in routes.Where(r => !r.Anonymous))
            await ExpectUnauthorizedAsync(anonymous, route, failures);
        var document = await anonymous.GetAsync("/openapi/v1.json");
        var signIn = await anonymous.PostJsonAsync("/api/v1/sessions", new { tenant = "acme", username = "nobody", password = "wrong-password-1" });

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        await ApiAssert.ProblemAsync(signIn, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_malformed_revoked_and_expired_keys_get_401_on_every_route_by_either_header()
    {
        using var admin = api.Client();
        var created = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "to-revoke", scopes = new[] { "admin" } }), HttpStatusCode.Created);
        var revoked = created.GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("apiKey").GetProperty("keyId").GetString()}")).StatusCode);
        var keys = new Dictionary<string, string>
        {
            ["unknown"] = ApiKeyText.Generate().Text,
            ["unknown id, admin's secret"] = "oc_0123456789abcdef_" + ApiCluster.AcmeAdminKey,
            ["malformed"] = "not a key at all; ' OR 1=1 --",
            ["bootstrap key with a character more"] = ApiCluster.AcmeAdminKey + "0",
            ["revoked"] = revoked,
            ["expired session"] = await ExpiredSessionKeyAsync(),
        };

        var failures = new List<string>();
        foreach (var (name, key) in keys)
        foreach (var header in new[] { "Bearer", ApiKeyAuthenticationHandler.HeaderName })
        {
            using var client = api.Client(key: null);
            if (header == "Bearer") client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            else client.DefaultRequestHeaders.TryAddWithoutValidation(header, key);
            foreach (var route in RouteTable.All(api).Where(r => !r.Anonymous))
                await ExpectUnauthorizedAsync(client, route, failures, $"{name} key as {header}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n{string.Join("\n", failures.Take(30))}");
    }

    [Fact]
    public async Task A_key_with_only_orders_read_gets_403_on_every_write_route_that_needs_more()
    {
        using var admin = api.Client();
        var created = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "reader", scopes = new[] { ApiScopes.OrdersRead } }), HttpStatusCode.Created);
        using var reader = api.Client(created.GetProperty("key").GetString());
        var writes = RouteTable.All(api).Where(r => r.IsWrite && !r.Anonymous).ToList();
        var open = writes.Where(r => r.Policies.All(p => ApiScopes.Grants([ApiScopes.OrdersRead], p) || !ApiScopes.All.Contains(p))).Select(r => r.ToString()).ToList();

        var failures = new List<string>();
        foreach (var route in writes.Where(r => !open.Contains(r.ToString())))
        {
            using var response = await SendAsync(reader, route);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Forbidden || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || !text.Contains("missing-scope", StringComparison.Ordinal))
                failures.Add($"{route}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
        }

        Assert.Equal(WritesOpenToReaders.Order(StringComparer.Ordinal), open.Order(StringComparer.Ordinal));
        Assert.True(writes.Count > 60, $"only {writes.Count} write routes");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A session key (a stored key of a user) whose lifetime is over, stored as sign-in stores it.</summary>
    private async Task<string> ExpiredSessionKeyAsync()
    {
        using var admin = api.Client();
        await admin.PostJsonAsync("/api/v1/users", new { username = "sec-expired", password = "sec-password-1", roles = new[] { "admin" } }); // 201, or 409 on a rerun
        var (keyId, text) = ApiKeyText.Generate();
        var stored = await api.Grains.GetGrain<IApiKeyGrain>(keyId).CreateAsync(new ApiKeyRecord
        {
            KeyId = keyId, TenantId = "acme", Name = "session", SecretHash = ApiKeyText.HashHex(text), Scopes = [ApiScopes.Admin], Roles = ["admin"],
            UserName = "sec-expired", CreatedAt = DateTimeOffset.UtcNow.AddHours(-9), ExpiresAt = DateTimeOffset.UtcNow.AddHours(-1),
        });
        Assert.True(stored);
        return text;
    }

    private static async Task ExpectUnauthorizedAsync(HttpClient client, ApiRoute route, List<string> failures, string? with = null)
    {
        using var response = await SendAsync(client, route);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
            || !text.Contains("https://ordercluster.dev/problems/unauthenticated", StringComparison.Ordinal))
            failures.Add($"{route}{(with is null ? "" : " with " + with)}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
    }

    /// <summary>The route with placeholder parameters and, for a write, a small JSON body.</summary>
    internal static Task<HttpResponseMessage> SendAsync(HttpClient client, ApiRoute route)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Fill(RouteTable.Placeholder));
        if (route.TakesBody) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return client.SendAsync(request);
    }
}
