using System.Security.Claims;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Auth;

/// <summary>
/// Who calls: the authenticated key's tenant, id, scopes and roles, read from the principal the key scheme built, and the
/// console user when the key is a session's.
/// </summary>
public sealed record ApiCaller(string TenantId, string KeyId, string Name, ImmutableArray<string> Scopes, ImmutableArray<string> Roles, string? UserName = null)
{
    public const string TenantClaim = "oc_tenant";
    public const string KeyIdClaim = "oc_key";
    public const string ScopeClaim = "scope";
    public const string UserClaim = "oc_user";

    /// <summary>The actor that commands carry: audit entries name the console user, or else the key.</summary>
    public Actor Actor => new() { UserId = UserName is null ? $"api-key:{KeyId}" : $"user:{UserName}", DisplayName = Name, Roles = Roles };

    public bool Has(string scope) => ApiScopes.Grants(Scopes, scope);

    /// <summary>The grain key <c>{tenant}/{id}</c> of an entity of this caller's tenant.</summary>
    public string KeyFor(string id, string field = "id") => TenantKeys.For(TenantId, id, field);

    public static ApiCaller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(TenantClaim) ?? throw new InvalidOperationException("The request was not authenticated with an API key."),
        user.FindFirstValue(KeyIdClaim) ?? "",
        user.Identity?.Name ?? "",
        [.. user.FindAll(ScopeClaim).Select(c => c.Value)],
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)],
        user.FindFirstValue(UserClaim));

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(TenantClaim, TenantId), new(KeyIdClaim, KeyId), new(ClaimTypes.Name, Name) };
        if (UserName is not null) claims.Add(new Claim(UserClaim, UserName));
        claims.AddRange(Scopes.Select(s => new Claim(ScopeClaim, s)));
        claims.AddRange(Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
