using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Dashboard.Access;

namespace OrderCluster.Dashboard.Api;

/// <summary>The page and its assets, with headers that keep it to its own origin (CSP without inline script, no framing).</summary>
internal static class PageApi
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static void MapPageApi(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/", (HttpContext context, AssetStore assets) => Html(context, assets, "index.html", null, StatusCodes.Status200OK))
            .RequireAuthorization(DashboardScopes.ReadPolicy);
        dashboard.MapGet("/assets/{name}", (string name, HttpContext context, AssetStore assets) => Asset(name, context, assets)).AllowAnonymous();
    }

    /// <summary>An HTML page, optionally with a message placed where it has <c>&lt;!--message--&gt;</c>.</summary>
    public static IResult Html(HttpContext context, AssetStore assets, string name, string? message, int status)
    {
        assets.TryGet(name, out var page);
        var text = page.Text.Replace("<!--message-->", message is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(message)}</p>",
            StringComparison.Ordinal);
        NoStore(context);
        context.Response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
        return Results.Content(text, "text/html; charset=utf-8", statusCode: status);
    }

    public static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "same-origin";
        context.Response.Headers.XFrameOptions = "DENY";
    }

    /// <summary>An embedded asset (never a page), with an entity tag so browsers revalidate cheaply.</summary>
    public static IResult Asset(string name, HttpContext context, AssetStore assets)
    {
        if (!assets.TryGet(name, out var asset) || name.EndsWith(".html", StringComparison.Ordinal))
            return DashboardProblems.NotFound($"No dashboard asset is named '{name}'.");
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache"; // revalidate: the entity tag changes with the build
        context.Response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
