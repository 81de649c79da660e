using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Api.Hosting;
using OrderCluster.Api.Problems;
using OrderCluster.Api.Users;

namespace OrderCluster.Api.Auth;

/// <summary>
/// Console sign-in: a user's password buys a session, which is a short-lived API key whose scopes are its roles'
/// (<see cref="RoleScopes"/>). The console then calls the public API with it like any integration would.
/// </summary>
public static class SessionsApi
{
    public const string SignInRateLimitPolicy = "sign-in";

    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("", SignInAsync).WithName("SignIn").AllowAnonymous().RequireRateLimiting(SignInRateLimitPolicy);
        sessions.MapDelete("/current", SignOutAsync).WithName("SignOut");
        return api;
    }

    public sealed record SignInRequest
    {
        public required string Tenant { get; init; }

        public required string Username { get; init; }

        public required string Password { get; init; }
    }

    /// <summary>The new session: <see cref="Token"/> is its key (send it as <c>Authorization: Bearer</c>), shown only here.</summary>
    public sealed record SessionView(string Token, DateTimeOffset ExpiresAt, string TenantId, string Username, string DisplayName,
        ImmutableArray<string> Roles, ImmutableArray<string> Scopes);

    private static async Task<Results<Created<SessionView>, ProblemHttpResult>> SignInAsync(
        JsonBody<SignInRequest> body, IGrainFactory grains, RoleScopes roles, IOptions<ApiOptions> options, TimeProvider time,
        ApiMetrics metrics, ILoggerFactory logs)
    {
        var request = body.Value;
        var log = logs.CreateLogger(typeof(SessionsApi));
        var user = TenantKeys.CheckTenantId(request.Tenant) is null && TenantKeys.CheckId(request.Username, "username") is null
            ? await grains.GetGrain<IUserGrain>(TenantKeys.For(request.Tenant, request.Username)).GetAsync()
            : null;
        if (!UserPasswords.Verify(user, request.Password) || user!.Disabled)
        {
            metrics.SignIn(ok: false);
            ApiLog.SignInRefused(log, Shorten(request.Username), Shorten(request.Tenant));
            return ApiProblems.Create(StatusCodes.Status401Unauthorized, "sign-in-failed", "Wrong tenant, user name or password",
                "Check them and try again; a disabled user cannot sign in.");
        }

        var (keyId, text) = ApiKeyText.Generate();
        var now = time.GetUtcNow();
        var record = new ApiKeyRecord
        {
            KeyId = keyId, TenantId = user.TenantId, Name = user.DisplayName, SecretHash = ApiKeyText.HashHex(text),
            Scopes = roles.ScopesOf(user.Roles), Roles = user.Roles, CreatedAt = now, CreatedBy = $"user:{user.Username}",
            ExpiresAt = now + options.Value.SessionLifetime, UserName = user.Username,
        };
        if (!await grains.GetGrain<IApiKeyGrain>(keyId).CreateAsync(record))
            return ApiProblems.Create(StatusCodes.Status409Conflict, "key-id-collision", "Try again", "A generated key id was already taken.");
        metrics.SignIn(ok: true);
        ApiLog.SignedIn(log, user.Username, user.TenantId, keyId);
        return TypedResults.Created("/api/v1/me", new SessionView(text, record.ExpiresAt.Value, user.TenantId, user.Username, user.DisplayName, user.Roles, record.Scopes));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SignOutAsync(HttpContext http, IGrainFactory grains, TimeProvider time)
    {
        var caller = ApiCaller.From(http.User);
        if (caller.UserName is null)
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "not-a-session", "Not a session", "This key is an API key, not a console session: revoke it with DELETE /api-keys/{id}.");
        await grains.GetGrain<IApiKeyGrain>(caller.KeyId).RevokeAsync(caller.TenantId, time.GetUtcNow());
        return TypedResults.NoContent();
    }

    /// <summary>Untrusted text for a log line: at most 64 characters.</summary>
    private static string Shorten(string? text) => text is null ? "" : text.Length <= 64 ? text : text[..64] + "…";
}
