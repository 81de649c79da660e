using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrderCluster.Api.Problems;
using OrderCluster.Api.Users;

namespace OrderCluster.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer {key}</c> (or <c>X-Api-Key: {key}</c>): a configured bootstrap key, or a
/// stored key found by its id whose hash matches and which is not revoked. Unauthenticated answers 401, a missing
/// scope 403, both as problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    BootstrapKeys bootstrap, IGrainFactory grains, ApiMetrics metrics, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var text = PresentedKey(Request);
        if (text is null) return AuthenticateResult.NoResult();

        var caller = bootstrap.Find(text) ?? await FindStoredAsync(text);
        if (caller is null)
        {
            metrics.AuthenticationFailed();
            ApiLog.KeyRejected(Logger, ApiKeyText.KeyIdOf(text) ?? "(unknown shape)");
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(Scheme.Name), Scheme.Name));
    }

    private async Task<ApiCaller?> FindStoredAsync(string text)
    {
        if (ApiKeyText.KeyIdOf(text) is not { } keyId) return null;
        var key = await grains.GetGrain<IApiKeyGrain>(keyId).GetAsync();
        if (key is null || key.RevokedAt is not null || key.ExpiresAt <= time.GetUtcNow() || !ApiKeyText.HashEquals(key.SecretHash, text)) return null;
        // A session stops with its user: disabling a user ends its sessions at once.
        if (key.UserName is not null && await grains.GetGrain<IUserGrain>(TenantKeys.For(key.TenantId, key.UserName)).GetAsync() is not { Disabled: false }) return null;
        return new ApiCaller(key.TenantId, key.KeyId, key.Name, key.Scopes, key.Roles, key.UserName);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization[7..].Trim() is { Length: > 0 } k ? k : null;
        return request.Headers[HeaderName].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Unauthorized().ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiProblems.MissingScope().ExecuteAsync(Context);
}
