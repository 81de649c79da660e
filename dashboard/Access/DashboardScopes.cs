namespace OrderCluster.Dashboard.Access;

/// <summary>
/// Who may do what. A principal reads the dashboard with scope <see cref="Read"/> and acts (deactivates grains, re-drives dead
/// letters) with <see cref="Admin"/>, each in a <see cref="ClaimType"/> claim: sessions carry them, and so can any other
/// authentication scheme named in <c>Dashboard:AuthenticationSchemes</c> (API keys with operations scopes).
/// </summary>
internal static class DashboardScopes
{
    public const string ClaimType = "scope";

    public const string Read = "operations";

    public const string Admin = "operations:admin";

    /// <summary>Authorization policy: may read.</summary>
    public const string ReadPolicy = "OrderCluster.Dashboard.Read";

    /// <summary>Authorization policy: may act.</summary>
    public const string AdminPolicy = "OrderCluster.Dashboard.Admin";

    /// <summary>The dashboard's own authentication scheme (signed session cookie; anonymous reader when sign-in is not required).</summary>
    public const string SessionScheme = "OrderCluster.Dashboard.Session";
}
