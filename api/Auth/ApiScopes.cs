namespace OrderCluster.Api.Auth;

/// <summary>
/// What an API key may do. A key holds scopes; <c>area:*</c> grants every scope of an area and <c>admin</c> grants
/// everything within the key's own tenant. Each scope is also the name of the authorization policy that requires it.
/// </summary>
public static class ApiScopes
{
    public const string OrdersRead = "orders:read";
    public const string OrdersWrite = "orders:write";
    public const string OrdersApprove = "orders:approve";
    public const string CustomersRead = "customers:read";
    public const string CustomersWrite = "customers:write";
    public const string ConfigRead = "config:read";
    public const string InventoryRead = "inventory:read";
    public const string InventoryWrite = "inventory:write";
    public const string Admin = "admin";

    /// <summary>Every scope a key may be given (wildcards of these areas too).</summary>
    public static IReadOnlyList<string> All { get; } = [OrdersRead, OrdersWrite, OrdersApprove, CustomersRead, CustomersWrite, ConfigRead, InventoryRead, InventoryWrite, Admin];

    public static bool IsKnown(string scope) =>
        All.Contains(scope) || (scope.EndsWith(":*", StringComparison.Ordinal) && All.Any(s => s.StartsWith(scope[..^1], StringComparison.Ordinal)));

    /// <summary>Whether <paramref name="granted"/> covers <paramref name="required"/>.</summary>
    public static bool Grants(IEnumerable<string> granted, string required)
    {
        var area = required.IndexOf(':') is var colon and > 0 ? required[..(colon + 1)] + "*" : null;
        return granted.Any(g => g == required || g == Admin || (area is not null && g == area));
    }
}
