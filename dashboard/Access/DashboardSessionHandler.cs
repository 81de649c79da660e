using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Api;

namespace OrderCluster.Dashboard.Access;

/// <summary>
/// The dashboard's authentication: a signed session cookie in sign-in mode, an anonymous reader in anonymous mode. A challenge
/// sends a browser asking for the page to the sign-in page and answers the API with 401 problem details; a refusal is 403.
/// </summary>
internal sealed class DashboardSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DashboardAccess access, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (access.Mode == DashboardMode.Anonymous) return Task.FromResult(Success("anonymous", isOperator: false));
        if (access.Mode != DashboardMode.SignIn) return Task.FromResult(AuthenticateResult.NoResult());
        var user = SessionToken.Validate(access.SigningKey, Request.Cookies[SessionToken.CookieName], time.GetUtcNow());
        if (user is null || !access.IsKnown(user)) return Task.FromResult(AuthenticateResult.NoResult());
        return Task.FromResult(Success(user, access.IsOperator(user)));
    }

    private AuthenticateResult Success(string user, bool isOperator)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user), new(DashboardScopes.ClaimType, DashboardScopes.Read) };
        if (isOperator) claims.Add(new Claim(DashboardScopes.ClaimType, DashboardScopes.Admin));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A policy challenges each of its schemes in turn; another scheme may already have answered.
        if (Response.HasStarted) return;
        // Pages send the browser to sign in; the dashboard's API and other operations endpoints answer 401.
        if (HttpMethods.IsGet(Request.Method) && Request.Path.StartsWithSegments("/dashboard") && !Request.Path.StartsWithSegments("/dashboard/api"))
        {
            Response.Redirect($"{Request.PathBase}/dashboard/signin");
            return;
        }

        await DashboardProblems.Unauthorized().ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Response.HasStarted ? Task.CompletedTask : DashboardProblems.Forbidden().ExecuteAsync(Context);
}
