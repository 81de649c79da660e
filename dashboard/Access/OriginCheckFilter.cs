using Microsoft.AspNetCore.Http;
using OrderCluster.Dashboard.Api;

namespace OrderCluster.Dashboard.Access;

/// <summary>
/// CSRF defence for actions, on top of the SameSite=Strict session cookie: an unsafe request (anything but GET and HEAD) must carry
/// an <c>Origin</c> (or, failing that, <c>Referer</c>) of this very host, as a browser does for requests from the dashboard page.
/// Callers authenticated by another scheme (an API key in a header, which another site cannot make a browser send) are exempt.
/// </summary>
internal sealed class OriginCheckFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        IsAllowed(context.HttpContext) ? next(context) : ValueTask.FromResult<object?>(DashboardProblems.BadOrigin());

    internal static bool IsAllowed(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
        || context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType != DashboardScopes.SessionScheme)
        || IsSameOrigin(context.Request);

    private static bool IsSameOrigin(HttpRequest request)
    {
        var source = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(source)) source = request.Headers.Referer.ToString();
        if (string.IsNullOrEmpty(source) || !Uri.TryCreate(source, UriKind.Absolute, out var uri)) return false;
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
