using OrderCluster.Api.Auth;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Tenants;

/// <summary>
/// A tenant of its own for one test, with an admin key stored as the API stores keys: configuration published for it
/// cannot change what the shared tenants (acme, globex) of the other tests do.
/// </summary>
internal sealed class FreshTenant
{
    private FreshTenant(string id, string adminKey)
    {
        Id = id;
        AdminKey = adminKey;
    }

    public string Id { get; }

    public string AdminKey { get; }

    public static async Task<FreshTenant> CreateAsync(ApiCluster api)
    {
        var id = $"cfg-{Guid.NewGuid():N}"[..20];
        var (keyId, text) = ApiKeyText.Generate();
        var created = await api.Grains.GetGrain<IApiKeyGrain>(keyId).CreateAsync(new ApiKeyRecord
        {
            KeyId = keyId, TenantId = id, Name = "test admin", SecretHash = ApiKeyText.HashHex(text),
            Scopes = [ApiScopes.Admin], Roles = ["admin"], CreatedAt = DateTimeOffset.UtcNow,
        });
        Assert.True(created);
        return new FreshTenant(id, text);
    }

    /// <summary>A key of this tenant with <paramref name="scopes"/>, created over HTTP by the tenant's admin.</summary>
    public async Task<string> KeyAsync(ApiCluster api, params string[] scopes)
    {
        using var admin = api.Client(AdminKey);
        var created = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "limited", scopes }), System.Net.HttpStatusCode.Created);
        return created.GetProperty("key").GetString()!;
    }
}
