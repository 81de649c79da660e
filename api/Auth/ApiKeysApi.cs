using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Auth;

/// <summary>API keys of the caller's tenant (scope <c>admin</c>): create (the text is shown once), list, read, revoke; and <c>/me</c>.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Me).WithName("GetCaller").WithTags("API keys");
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(ApiScopes.Admin);
        keys.MapPost("", CreateAsync).WithName("CreateApiKey");
        keys.MapGet("", ListAsync).WithName("ListApiKeys");
        keys.MapGet("/{keyId}", GetAsync).WithName("GetApiKey");
        keys.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey");
        return api;
    }

    public sealed record CreateApiKeyRequest
    {
        public required string Name { get; init; }

        public ImmutableArray<string> Scopes { get; init; } = [];

        public ImmutableArray<string> Roles { get; init; } = [];
    }

    /// <summary>A key as listed: never its text or hash.</summary>
    public sealed record ApiKeyView(string KeyId, string TenantId, string Name, ImmutableArray<string> Scopes, ImmutableArray<string> Roles,
        DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? RevokedAt)
    {
        internal static ApiKeyView Of(ApiKeyRecord r) => new(r.KeyId, r.TenantId, r.Name, r.Scopes, r.Roles, r.CreatedAt, r.CreatedBy, r.RevokedAt);
    }

    /// <summary>The new key: <see cref="Key"/> is its text, shown only in this response.</summary>
    public sealed record CreatedApiKey(string Key, ApiKeyView ApiKey);

    public sealed record CallerView(string TenantId, string KeyId, string Name, ImmutableArray<string> Scopes, ImmutableArray<string> Roles, string? UserName);

    private static Ok<CallerView> Me(HttpContext http)
    {
        var caller = ApiCaller.From(http.User);
        return TypedResults.Ok(new CallerView(caller.TenantId, caller.KeyId, caller.Name, caller.Scopes, caller.Roles, caller.UserName));
    }

    private static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateAsync(
        JsonBody<CreateApiKeyRequest> body, HttpContext http, IGrainFactory grains, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var request = body.Value;
        var caller = ApiCaller.From(http.User);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) return ApiProblems.BadRequest("name", "must have 1 to 100 characters.");
        if (request.Scopes.IsDefaultOrEmpty) return ApiProblems.BadRequest("scopes", "give at least one scope.");
        if (request.Scopes.FirstOrDefault(s => !ApiScopes.IsKnown(s)) is { } unknown)
            return ApiProblems.BadRequest("scopes", $"'{unknown}' is not a scope; known: {string.Join(", ", ApiScopes.All)} and 'area:*'.");
        if (request.Roles.Any(r => r.Length is 0 or > 64)) return ApiProblems.BadRequest("roles", "roles have 1 to 64 characters.");

        var (keyId, text) = ApiKeyText.Generate();
        var record = new ApiKeyRecord
        {
            KeyId = keyId, TenantId = caller.TenantId, Name = request.Name.Trim(), SecretHash = ApiKeyText.HashHex(text),
            Scopes = [.. request.Scopes.Distinct()], Roles = [.. request.Roles.Distinct()], CreatedAt = time.GetUtcNow(), CreatedBy = caller.KeyId,
        };
        // The tenant's list first: a key that exists is always listed (a listed id without a key is skipped when read).
        await grains.GetGrain<ITenantApiKeysGrain>(TenantKeys.ForTenant(caller.TenantId)).AddAsync(keyId);
        if (!await grains.GetGrain<IApiKeyGrain>(keyId).CreateAsync(record))
            return ApiProblems.Create(StatusCodes.Status409Conflict, "key-id-collision", "Try again", "A generated key id was already taken.");
        ApiLog.KeyCreated(logs.CreateLogger(typeof(ApiKeysApi)), keyId, caller.TenantId, caller.KeyId);
        return TypedResults.Created($"/api/v1/api-keys/{keyId}", new CreatedApiKey(text, ApiKeyView.Of(record)));
    }

    private static async Task<Ok<ImmutableArray<ApiKeyView>>> ListAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var ids = await grains.GetGrain<ITenantApiKeysGrain>(TenantKeys.ForTenant(caller.TenantId)).ListAsync();
        var records = await Task.WhenAll(ids.Select(id => grains.GetGrain<IApiKeyGrain>(id).GetAsync()));
        return TypedResults.Ok(records.OfType<ApiKeyRecord>().Where(r => r.TenantId == caller.TenantId).Select(ApiKeyView.Of).ToImmutableArray());
    }

    private static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> GetAsync(string keyId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var record = IsKeyId(keyId) ? await grains.GetGrain<IApiKeyGrain>(keyId).GetAsync() : null;
        return record is not null && record.TenantId == caller.TenantId
            ? TypedResults.Ok(ApiKeyView.Of(record))
            : ApiProblems.NotFound("api-key-not-found", $"There is no API key '{keyId}'.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string keyId, HttpContext http, IGrainFactory grains, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        if (!IsKeyId(keyId) || !await grains.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(caller.TenantId, time.GetUtcNow()))
            return ApiProblems.NotFound("api-key-not-found", $"There is no API key '{keyId}'.");
        ApiLog.KeyRevoked(logs.CreateLogger(typeof(ApiKeysApi)), keyId, caller.TenantId);
        return TypedResults.NoContent();
    }

    private static bool IsKeyId(string keyId) => keyId.Length == 16 && keyId.All(char.IsAsciiHexDigitLower);
}
