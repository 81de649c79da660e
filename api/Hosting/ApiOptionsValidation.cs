using Microsoft.Extensions.Options;
using OrderCluster.Api.Auth;

namespace OrderCluster.Api.Hosting;

/// <summary>Names the setting that is wrong.</summary>
internal sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        if (options.RateLimitPermits < 1) failures.Add("Api:RateLimitPermits must be at least 1.");
        if (options.RateLimitWindow <= TimeSpan.Zero) failures.Add("Api:RateLimitWindow must be positive.");
        if (options.MaxJsonBodyBytes < 1024) failures.Add("Api:MaxJsonBodyBytes must be at least 1024.");
        if (options.MaxUploadBytes < 1024) failures.Add("Api:MaxUploadBytes must be at least 1024.");
        if (options.IdempotencyRetention < TimeSpan.FromHours(24)) failures.Add("Api:IdempotencyRetention must be at least 24 hours.");
        if (options.IdempotencyLease < TimeSpan.FromSeconds(31)) failures.Add("Api:IdempotencyLease must be longer than a grain call's deadline (31 s at least).");
        if (options.SessionLifetime < TimeSpan.FromMinutes(1) || options.SessionLifetime > TimeSpan.FromDays(7)) failures.Add("Api:SessionLifetime is between 1 minute and 7 days.");
        if (options.SignInPermitsPerMinute < 1) failures.Add("Api:SignInPermitsPerMinute must be at least 1.");
        foreach (var (role, scopes) in options.Roles)
            foreach (var scope in scopes.Where(s => !ApiScopes.IsKnown(s)))
                failures.Add($"Api:Roles:{role}: unknown scope '{scope}'.");
        for (var i = 0; i < options.BootstrapKeys.Count; i++)
        {
            var key = options.BootstrapKeys[i];
            if (TenantKeys.CheckTenantId(key.Tenant) is { } bad) failures.Add($"Api:BootstrapKeys:{i}:Tenant: {bad.Message}");
            if (key.Key.Length < 32) failures.Add($"Api:BootstrapKeys:{i}:Key must have at least 32 characters.");
            foreach (var scope in key.Scopes.Where(s => !ApiScopes.IsKnown(s)))
                failures.Add($"Api:BootstrapKeys:{i}:Scopes: unknown scope '{scope}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
