using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Auth;

/// <summary>API keys: every request authenticated, keys stored hashed, scopes enforced, revocation immediate, tenants apart.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyTests(ApiCluster api)
{
    private async Task<(string KeyId, string Key)> CreateKeyAsync(HttpClient admin, string name, params string[] scopes)
    {
        var created = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name, scopes }), HttpStatusCode.Created);
        return (created.GetProperty("apiKey").GetProperty("keyId").GetString()!, created.GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task A_request_without_a_key_or_with_an_unknown_key_is_401_problem_details()
    {
        using var anonymous = api.Client(key: null);
        using var unknown = api.Client("oc_0123456789abcdef_not-a-real-secret-at-all");

        var none = await anonymous.GetAsync("/api/v1/me");
        var bad = await unknown.GetAsync("/api/v1/me");

        await ApiAssert.ProblemAsync(none, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
        await ApiAssert.ProblemAsync(bad, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_created_key_is_stored_only_as_its_hash_and_authenticates_with_its_tenant_and_scopes()
    {
        using var admin = api.Client();
        var (keyId, key) = await CreateKeyAsync(admin, "reader", ApiScopes.OrdersRead);
        using var reader = api.Client(key);
        using var viaHeader = api.Client(key: null);
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", key);

        var me = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/me"));
        var meViaHeader = await viaHeader.GetAsync("/api/v1/me");
        var stored = await api.Grains.GetGrain<IApiKeyGrain>(keyId).GetAsync();

        Assert.Equal("acme", me.GetProperty("tenantId").GetString());
        Assert.Equal([ApiScopes.OrdersRead], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.OK, meViaHeader.StatusCode);
        Assert.NotNull(stored);
        Assert.Equal(ApiKeyText.HashHex(key), stored.SecretHash);
        Assert.DoesNotContain(key[20..], JsonSerializer.Serialize(stored)); // the secret itself is nowhere in the record
    }

    [Fact]
    public async Task A_key_without_the_scope_gets_403_and_a_revoked_key_401_at_once()
    {
        using var admin = api.Client();
        var (keyId, key) = await CreateKeyAsync(admin, "reader", ApiScopes.OrdersRead);
        using var reader = api.Client(key);

        var forbidden = await reader.PostJsonAsync("/api/v1/api-keys", new { name = "escalate", scopes = new[] { "admin" } });
        var revoked = await admin.DeleteAsync($"/api/v1/api-keys/{keyId}");
        var afterRevoke = await reader.GetAsync("/api/v1/me");

        await ApiAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await ApiAssert.ProblemAsync(afterRevoke, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_tenants_key_ids_answer_404_and_lists_show_only_the_own_tenant()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var (acmeKeyId, _) = await CreateKeyAsync(acme, "acme-integration", ApiScopes.OrdersWrite);

        var read = await globex.GetAsync($"/api/v1/api-keys/{acmeKeyId}");
        var revoke = await globex.DeleteAsync($"/api/v1/api-keys/{acmeKeyId}");
        var globexList = await ApiAssert.OkJsonAsync(await globex.GetAsync("/api/v1/api-keys"));
        var acmeList = await ApiAssert.OkJsonAsync(await acme.GetAsync("/api/v1/api-keys"));

        await ApiAssert.ProblemAsync(read, HttpStatusCode.NotFound, "api-key-not-found");
        await ApiAssert.ProblemAsync(revoke, HttpStatusCode.NotFound, "api-key-not-found");
        Assert.DoesNotContain(globexList.EnumerateArray(), k => k.GetProperty("keyId").GetString() == acmeKeyId);
        Assert.Contains(acmeList.EnumerateArray(), k => k.GetProperty("keyId").GetString() == acmeKeyId && k.GetProperty("revokedAt").ValueKind == JsonValueKind.Null);
        Assert.All(acmeList.EnumerateArray(), k => Assert.False(k.TryGetProperty("secretHash", out _)));
    }

    [Theory]
    [InlineData("""{"name":"x","scopes":["orders:fly"]}""", "scopes")]
    [InlineData("""{"name":"","scopes":["orders:read"]}""", "name")]
    [InlineData("""{"scopes":["orders:read"]}""", "name")]
    [InlineData("""{"name":"x","scopes":"orders:read"}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["orders:read"],"tenant":"globex"}""", "tenant")]
    public async Task Bad_key_requests_are_400_naming_the_field(string body, string field)
    {
        using var admin = api.Client();

        var response = await admin.SendRawAsync(HttpMethod.Post, "/api/v1/api-keys", body);

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest), field);
    }
}
