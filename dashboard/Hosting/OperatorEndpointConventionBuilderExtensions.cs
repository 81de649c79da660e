using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderCluster.Dashboard.Access;

namespace OrderCluster.Dashboard.Hosting;

/// <summary>Puts operations endpoints outside the dashboard (e.g. the stream admin API) behind the dashboard's operator rights.</summary>
public static class OperatorEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires an operator: a signed-in dashboard operator, or a principal of a scheme named in <c>Dashboard:AuthenticationSchemes</c>
    /// with scope <c>operations:admin</c>; actions carried by the session cookie must come from the same origin, as the dashboard's own.
    /// </summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(DashboardScopes.AdminPolicy).AddEndpointFilter<TBuilder, OriginCheckFilter>();
}
