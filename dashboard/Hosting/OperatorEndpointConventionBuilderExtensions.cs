using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Api;

namespace OrderCluster.Dashboard.Hosting;

/// <summary>Puts operations endpoints outside the dashboard (e.g. the stream admin API) behind the dashboard's operator rights.</summary>
public static class OperatorEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires an operator: a signed-in dashboard operator, or a principal of a scheme named in <c>Dashboard:AuthenticationSchemes</c>
    /// with scope <c>operations:admin</c>. A request carried by the session cookie must come from the same origin, so another site
    /// cannot make a signed-in browser act (reads need no such check: a cross-site page cannot see their answers).
    /// </summary>
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(DashboardScopes.AdminPolicy).AddEndpointFilter<TBuilder, SessionOriginCheckFilter>();

    private sealed class SessionOriginCheckFilter : IEndpointFilter
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
            context.HttpContext.User.Identity?.AuthenticationType == DashboardScopes.SessionScheme
            && !HttpMethods.IsGet(context.HttpContext.Request.Method)
            && !OriginCheckFilter.IsSameOrigin(context.HttpContext.Request)
                ? ValueTask.FromResult<object?>(DashboardProblems.BadOrigin())
                : next(context);
    }
}
