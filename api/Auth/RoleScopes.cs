using Microsoft.Extensions.Options;
using OrderCluster.Api.Hosting;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Api.Auth;

/// <summary>
/// Maps console roles to API scopes: a signed-in user acts with the union of its roles' scopes, so the console can
/// do exactly what an API key with those scopes could. <c>Api:Roles</c> replaces a default role's scopes or adds a role.
/// </summary>
public sealed class RoleScopes(IOptions<ApiOptions> options)
{
    /// <summary>The built-in roles (the workflow's approver roles, a sales clerk and an administrator).</summary>
    public static IReadOnlyDictionary<string, ImmutableArray<string>> Defaults { get; } = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
    {
        [OrderRoles.Sales] = [ApiScopes.OrdersRead, ApiScopes.OrdersWrite, "customers:*", ApiScopes.ConfigRead, ApiScopes.InventoryRead],
        [OrderRoles.OrderManager] = ["orders:*", "customers:*", ApiScopes.ConfigRead, ApiScopes.InventoryRead],
        [OrderRoles.Finance] = ["orders:*", ApiScopes.CustomersRead, ApiScopes.ConfigRead],
        [OrderRoles.Warehouse] = [ApiScopes.OrdersRead, ApiScopes.OrdersWrite, "inventory:*", ApiScopes.ConfigRead],
        [OrderRoles.Admin] = [ApiScopes.Admin],
    };

    private readonly Dictionary<string, ImmutableArray<string>> _roles = Merge(options.Value.Roles);

    /// <summary>Every role a user may be given.</summary>
    public IReadOnlyCollection<string> Known => _roles.Keys;

    public bool IsKnown(string role) => _roles.ContainsKey(role);

    /// <summary>The scopes <paramref name="roles"/> grant together (unknown roles grant none).</summary>
    public ImmutableArray<string> ScopesOf(IEnumerable<string> roles) =>
        [.. roles.SelectMany(r => _roles.GetValueOrDefault(r, [])).Distinct().Order(StringComparer.Ordinal)];

    private static Dictionary<string, ImmutableArray<string>> Merge(Dictionary<string, List<string>> configured)
    {
        var roles = new Dictionary<string, ImmutableArray<string>>(Defaults, StringComparer.Ordinal);
        foreach (var (role, scopes) in configured) roles[role] = [.. scopes];
        return roles;
    }
}
