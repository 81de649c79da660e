namespace OrderCluster.Dashboard.Hosting;

/// <summary>The SRE dashboard (configuration section <c>Dashboard</c>). Every default is documented here and in dashboard/README.md.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The field-name words whose values are redacted in grain state and dead-letter payloads when
    /// <see cref="RedactedFields"/> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultRedactedFields = OrderCluster.Runtime.PayloadRedactor.DefaultFields;

    /// <summary>
    /// Whether the silo serves the dashboard. Default (unset): on in embedded mode; in cluster mode on when credentials are
    /// configured or <see cref="AllowAnonymous"/> is true, otherwise off (with a warning at start). Set true in cluster mode
    /// without credentials and without <see cref="AllowAnonymous"/> and the silo refuses to start.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The dashboard account's user name. Default: none (no account).</summary>
    public string? Username { get; set; }

    /// <summary>Its password, compared in constant time. Default: none. Prefer <see cref="PasswordHash"/> in shared configuration.</summary>
    public string? Password { get; set; }

    /// <summary>Its password as <c>pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64</c> (PBKDF2-HMAC-SHA256, 32-byte hash). Default: none.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>More accounts: user name → password, or a <c>pbkdf2-sha256$...</c> hash. Default: none.</summary>
    public Dictionary<string, string> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>User names allowed to act (deactivate a grain, re-drive dead letters); everyone else reads only. Default: none.</summary>
    public string[] OperatorUsers { get; set; } = [];

    /// <summary>Serve the dashboard read-only without sign-in when no credentials are configured, also in cluster mode.
    /// Default: false (embedded mode without credentials is anonymous read-only regardless).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>More authentication schemes whose principals may use the dashboard when they carry the scope <c>operations</c>
    /// (read) or <c>operations:admin</c> (act) in a <c>scope</c> claim, e.g. an API-key scheme. Default: none.</summary>
    public string[] AuthenticationSchemes { get; set; } = [];

    /// <summary>Key that signs session cookies and silo-to-silo dashboard requests; the same on every silo. Default: derived from
    /// the configured credentials (identical configuration gives every silo the same key).</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a sign-in lasts. Default: 8 h.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long the dashboard waits for another silo's figures before showing it as unreachable. Default: 1 s.</summary>
    public TimeSpan PeerTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How much per-second history each silo keeps in memory. Default: 10 min.</summary>
    public TimeSpan HistoryLength { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The window of per-method, storage and timer figures (calls, errors, latency quantiles). Default: 1 min.</summary>
    public TimeSpan FiguresWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Finished calls kept for grain lookups (a ring buffer written on the call path; 0 turns it off). Default: 4,096.</summary>
    public int RecentCalls { get; set; } = 4096;

    /// <summary>How often the timer store is asked for its pending count and next due time, while someone watches. Default: 15 s.</summary>
    public TimeSpan TimerStatsInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Field-name words redacted in state JSON (matched case-insensitively against the words of a property name, so
    /// <c>card</c> hides <c>cardNumber</c> but not <c>discarded</c>). Default: <see cref="DefaultRedactedFields"/>.</summary>
    public string[]? RedactedFields { get; set; }

    internal IReadOnlyList<string> EffectiveRedactedFields => RedactedFields ?? DefaultRedactedFields;

    internal bool HasCredentials =>
        (!string.IsNullOrEmpty(Username) && (!string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(PasswordHash))) || Users.Count > 0;
}
