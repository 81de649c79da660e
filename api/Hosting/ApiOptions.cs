namespace OrderCluster.Api.Hosting;

/// <summary>Settings of the HTTP API (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Keys that exist from configuration alone, to create the first stored keys with. Default: none.
    /// Only their SHA-256 is kept in memory.</summary>
    public List<BootstrapKeyOptions> BootstrapKeys { get; set; } = [];

    /// <summary>Requests each key may make per <see cref="RateLimitWindow"/> (token bucket, refilled evenly). Default: 100.</summary>
    public int RateLimitPermits { get; set; } = 100;

    /// <summary>The window of <see cref="RateLimitPermits"/>. Default: 1 second.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest JSON request body; a larger one is refused with 413. Default: 1 MiB.</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest attachment upload (the grains also enforce <c>Attachments:MaxSizeBytes</c>). Default: 10 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The scopes each console role grants (<c>Api:Roles:{role}:0</c> = <c>orders:read</c>, …), over the defaults of
    /// <see cref="Auth.RoleScopes.Defaults"/>; a user's session gets the union of its roles' scopes.
    /// </summary>
    public Dictionary<string, List<string>> Roles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a console session (a key minted by <c>POST /api/v1/sessions</c>) lasts. Default: 8 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts each client address may make per minute (then 429). Default: 20.</summary>
    public int SignInPermitsPerMinute { get; set; } = 20;

    /// <summary>How long an <c>Idempotency-Key</c> and its stored response are kept. Default: 24 hours (the least allowed).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a request holding an idempotency key may run before a retry may take it over (a crashed silo). Default: 2 minutes.</summary>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>A key given in configuration: <c>Api:BootstrapKeys:0:Tenant</c>, <c>:Key</c> (the text, at least 32 characters), <c>:Scopes</c>, <c>:Roles</c>, <c>:Name</c>.</summary>
public sealed class BootstrapKeyOptions
{
    public string Tenant { get; set; } = "";

    public string Key { get; set; } = "";

    public string Name { get; set; } = "bootstrap";

    /// <summary>Default: <c>admin</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    public List<string> Roles { get; set; } = [];
}
