using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Dashboard.Api;

namespace OrderCluster.Dashboard.OperationsConsole;

public static class OperationsConsoleEndpointRouteBuilderExtensions
{
    private const string AssetPrefix = "console";

    /// <summary>
    /// Serves the operations console at <c>/console/</c>: one HTML page and its embedded <c>console*</c> assets. The page
    /// holds no data: it signs in over <c>POST /api/v1/sessions</c> and uses the public API with the session's key, so
    /// these endpoints are anonymous and the console works whatever the dashboard's mode.
    /// </summary>
    public static RouteGroupBuilder MapConsole(this IEndpointRouteBuilder routes)
    {
        var console = routes.MapGroup("/console").ExcludeFromDescription().AllowAnonymous();
        // Serves /console and /console/ alike (routing ignores a trailing slash); the page links its assets absolutely.
        console.MapGet("/", (HttpContext context) => PageApi.Html(context, Assets(context), "console.html", null, StatusCodes.Status200OK));
        console.MapGet("/assets/{name}", (string name, HttpContext context) =>
            name.StartsWith(AssetPrefix, StringComparison.Ordinal) ? PageApi.Asset(name, context, Assets(context)) : DashboardProblems.NotFound($"No console asset is named '{name}'."));
        return console;
    }

    private static AssetStore Assets(HttpContext context) => context.RequestServices.GetRequiredService<AssetStore>();
}
