namespace OrderCluster.Api.Auth;

/// <summary>An API key as stored: its tenant, scopes and workflow roles, and the SHA-256 of its text (never the text).</summary>
public sealed record ApiKeyRecord
{
    public required string KeyId { get; init; }

    public required string TenantId { get; init; }

    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the key text.</summary>
    public required string SecretHash { get; init; }

    public ImmutableArray<string> Scopes { get; init; } = [];

    /// <summary>Workflow roles the key acts with (e.g. <c>order-manager</c>): approvals and transitions check these.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>When a console session's key stops working; null for API keys, which live until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The console user a session key acts for (audit entries name <c>user:{name}</c>); null for API keys.</summary>
    public string? UserName { get; init; }
}

/// <summary>One API key, keyed by its public key id. Authentication reads it on every request, so it interleaves reads.</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores a new key; false when the id is taken.</summary>
    Task<bool> CreateAsync(ApiKeyRecord record);

    [ReadOnly]
    Task<ApiKeyRecord?> GetAsync();

    /// <summary>Revokes the key if it belongs to <paramref name="tenantId"/>; false when there is no such key for that tenant.</summary>
    Task<bool> RevokeAsync(string tenantId, DateTimeOffset at);
}

/// <summary>The ids of a tenant's API keys, keyed <c>{tenant}</c>, so an admin can list them.</summary>
public interface ITenantApiKeysGrain : IGrainWithStringKey
{
    Task AddAsync(string keyId);

    [ReadOnly]
    Task<ImmutableArray<string>> ListAsync();
}
