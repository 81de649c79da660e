using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Security;

/// <summary>
/// One mapped route as the running app has it: method, pattern, path parameters, whether it is anonymous, the
/// authorization policies (scopes) it requires and whether it reads a request body (declares what it accepts). Read from the app's endpoint data sources, so a route added later is
/// covered by every security test without being listed anywhere.
/// </summary>
public sealed record ApiRoute(string Method, string Pattern, IReadOnlyList<string> Parameters, bool Anonymous, IReadOnlyList<string> Policies, bool ReadsBody)
{
    public override string ToString() => $"{Method} {Pattern}";

    /// <summary>Whether the route changes something (everything but GET and HEAD).</summary>
    public bool IsWrite => Method is not ("GET" or "HEAD");

    /// <summary>Whether the route is sent a body (POST, PUT, PATCH); <see cref="ReadsBody"/> says whether it reads one.</summary>
    public bool TakesBody => Method is "POST" or "PUT" or "PATCH";

    /// <summary>The path with each <c>{parameter}</c> (and <c>{parameter:constraint}</c>) replaced by <paramref name="value"/>'s answer, URL-escaped.</summary>
    public string Fill(Func<string, string> value)
    {
        var path = Pattern;
        foreach (var parameter in Parameters)
        {
            var start = path.IndexOf("{" + parameter, StringComparison.Ordinal);
            var end = path.IndexOf('}', start);
            path = path[..start] + Uri.EscapeDataString(value(parameter)) + path[(end + 1)..];
        }

        return path;
    }
}

/// <summary>The route table of the API's silo.</summary>
public static class RouteTable
{
    /// <summary>Every route of the silo's HTTP pipeline (one per method), sorted.</summary>
    public static IReadOnlyList<ApiRoute> All(ApiCluster api) =>
        ((IEndpointRouteBuilder)api.Cluster.Silos[0].App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new ApiRoute(
                m, "/" + e.RoutePattern.RawText!.Trim('/'),
                e.RoutePattern.Parameters.Select(p => p.Name).ToList(),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList(),
                e.Metadata.GetMetadata<IAcceptsMetadata>() is not null)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>The routes under <c>/api/v1</c>.</summary>
    public static IReadOnlyList<ApiRoute> Api(ApiCluster api) => All(api).Where(r => r.Pattern.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();

    /// <summary>A harmless value for a parameter when only the route matters (authentication is checked before anything is looked up).</summary>
    public static string Placeholder(string parameter) => parameter is "id" or "version" ? "1" : parameter == "documentName" ? "v1" : "sec-placeholder";
}
