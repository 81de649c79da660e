using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Dashboard.Access;

/// <summary>How the dashboard is reached on this silo.</summary>
internal enum DashboardMode
{
    /// <summary>Not served (cluster mode without credentials and without <c>AllowAnonymous</c>).</summary>
    Disabled,

    /// <summary>Read-only without sign-in; nobody can act.</summary>
    Anonymous,

    /// <summary>Sign-in required; operators can act.</summary>
    SignIn,
}

/// <summary>The accounts, the mode, and the key that signs sessions and silo-to-silo requests.</summary>
internal sealed class DashboardAccess
{
    private readonly Dictionary<string, string> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _operators;

    public DashboardAccess(IOptions<DashboardOptions> options, IServiceProvider services)
    {
        var o = options.Value;
        if (!string.IsNullOrEmpty(o.Username) && (o.PasswordHash ?? o.Password) is { Length: > 0 } secret) _accounts[o.Username] = secret;
        foreach (var (user, password) in o.Users) _accounts[user] = password;
        _operators = new HashSet<string>(o.OperatorUsers, StringComparer.Ordinal);

        var clustered = services.GetService<IClusterView>()?.IsClustered ?? false;
        Mode = _accounts.Count > 0 ? DashboardMode.SignIn
            : !clustered || o.AllowAnonymous || o.Enabled == true ? DashboardMode.Anonymous
            : DashboardMode.Disabled;
        if (o.Enabled == false) Mode = DashboardMode.Disabled;

        HasSecret = !string.IsNullOrEmpty(o.SigningKey) || _accounts.Count > 0;
        SigningKey = SHA256.HashData(Encoding.UTF8.GetBytes(o.SigningKey is { Length: > 0 } key ? "key\n" + key
            : "accounts\n" + string.Join("\n", _accounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "\n" + a.Value))));
        SessionLifetime = o.SessionLifetime;
    }

    public DashboardMode Mode { get; }

    /// <summary>True when the signing key comes from a secret (configured key or credentials), so peers can be trusted to act.</summary>
    public bool HasSecret { get; }

    public byte[] SigningKey { get; }

    public TimeSpan SessionLifetime { get; }

    /// <summary>Checks a sign-in; true with the account's operator flag when the password matches.</summary>
    public bool TrySignIn(string username, string password, out bool isOperator)
    {
        isOperator = false;
        if (!_accounts.TryGetValue(username, out var secret))
        {
            // Same work for unknown users as for known ones (a hashed account's PBKDF2 when there is one), so timing does not tell
            // which names exist; the answer is no whatever the check says.
            PasswordVerifier.Verify(password, _accounts.Values.FirstOrDefault(PasswordVerifier.IsHash) ?? "unknown-user");
            return false;
        }

        if (!PasswordVerifier.Verify(password, secret)) return false;
        isOperator = _operators.Contains(username);
        return true;
    }

    public bool IsOperator(string username) => _operators.Contains(username);

    /// <summary>True while the account exists in configuration (a session of a removed account is refused).</summary>
    public bool IsKnown(string username) => _accounts.ContainsKey(username);
}
