using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OrderCluster.Dashboard.Api;
using OrderCluster.Dashboard.Hosting;

namespace OrderCluster.Dashboard.Access;

/// <summary>Sign-in (a form post that sets the session cookie) and sign-out.</summary>
internal static class SignInApi
{
    public const int MaxFieldLength = 256;

    public static void MapSignInApi(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/signin", ShowSignIn).AllowAnonymous();
        dashboard.MapPost("/signin", SignInAsync).AllowAnonymous().AddEndpointFilter<OriginCheckFilter>().DisableAntiforgery();
        dashboard.MapPost("/signout", SignOut).AllowAnonymous().AddEndpointFilter<OriginCheckFilter>().DisableAntiforgery();
    }

    private static IResult ShowSignIn(HttpContext context, AssetStore assets, DashboardAccess access) =>
        access.Mode == DashboardMode.SignIn ? PageApi.Html(context, assets, "signin.html", null, StatusCodes.Status200OK) : Results.Redirect(Home(context));

    private static async Task<IResult> SignInAsync(HttpContext context, AssetStore assets, DashboardAccess access, TimeProvider time,
        ILogger<DashboardAccess> logger)
    {
        if (access.Mode != DashboardMode.SignIn) return Results.Redirect(Home(context));
        if (!context.Request.HasFormContentType)
            return PageApi.Html(context, assets, "signin.html", "Send the sign-in form.", StatusCodes.Status400BadRequest);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        if (username.Length is 0 or > MaxFieldLength || password.Length > MaxFieldLength
            || !access.TrySignIn(username, password, out _))
        {
            DashboardLog.SignIn(logger, username.Length > MaxFieldLength ? username[..MaxFieldLength] : username, "refused");
            return PageApi.Html(context, assets, "signin.html", "Wrong user name or password.", StatusCodes.Status401Unauthorized);
        }

        DashboardLog.SignIn(logger, username, "accepted");
        var expires = time.GetUtcNow() + access.SessionLifetime;
        context.Response.Cookies.Append(SessionToken.CookieName, SessionToken.Issue(access.SigningKey, username, expires), Cookie(context, expires));
        return SeeOther(Home(context));
    }

    private static IResult SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(SessionToken.CookieName, Cookie(context, null));
        return SeeOther($"{context.Request.PathBase}/dashboard/signin");
    }

    private static CookieOptions Cookie(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        // The whole site: the session also authorizes the operations endpoints outside the dashboard (stream admin).
        Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/",
        Expires = expires,
        IsEssential = true,
    };

    private static string Home(HttpContext context) => $"{context.Request.PathBase}/dashboard/";

    /// <summary>303: the browser follows with a GET (a POST is never repeated).</summary>
    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
