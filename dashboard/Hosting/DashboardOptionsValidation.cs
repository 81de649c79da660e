using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Access;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Dashboard.Hosting;

/// <summary>Fails start-up with the name of the dashboard setting that is wrong.</summary>
internal sealed class DashboardOptionsValidation(IServiceProvider services) : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions o)
    {
        var errors = new List<string>();
        var clustered = services.GetService<IClusterView>()?.IsClustered ?? false;
        if (clustered && o.Enabled == true && !o.HasCredentials && !o.AllowAnonymous)
            errors.Add("Dashboard: cluster mode needs Dashboard:Username and Dashboard:Password (or PasswordHash, or Dashboard:Users), "
                       + "or Dashboard:AllowAnonymous=true to serve it read-only without sign-in.");
        if (!string.IsNullOrEmpty(o.Username) && string.IsNullOrEmpty(o.Password) && string.IsNullOrEmpty(o.PasswordHash))
            errors.Add("Dashboard:Password (or Dashboard:PasswordHash) is required when Dashboard:Username is set.");
        if (!string.IsNullOrEmpty(o.PasswordHash) && !PasswordVerifier.IsWellFormedHash(o.PasswordHash))
            errors.Add("Dashboard:PasswordHash must look like pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64.");
        foreach (var (user, secret) in o.Users)
        {
            if (string.IsNullOrEmpty(secret)) errors.Add($"Dashboard:Users:{user} needs a password or a pbkdf2-sha256 hash.");
            else if (secret.StartsWith(PasswordVerifier.HashPrefix, StringComparison.Ordinal) && !PasswordVerifier.IsWellFormedHash(secret))
                errors.Add($"Dashboard:Users:{user} looks like a hash but is not pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64.");
        }

        Between(errors, "Dashboard:SessionLifetime", o.SessionLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
        Between(errors, "Dashboard:PeerTimeout", o.PeerTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        Between(errors, "Dashboard:HistoryLength", o.HistoryLength, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        Between(errors, "Dashboard:FiguresWindow", o.FiguresWindow, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
        Between(errors, "Dashboard:TimerStatsInterval", o.TimerStatsInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        if (o.RecentCalls is < 0 or > 1_000_000) errors.Add($"Dashboard:RecentCalls must be 0 to 1,000,000 (was {o.RecentCalls}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Between(List<string> errors, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max) errors.Add($"{setting} must be between {min} and {max} (was {value}).");
    }
}
