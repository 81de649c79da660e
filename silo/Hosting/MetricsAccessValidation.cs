using Microsoft.Extensions.Options;

namespace OrderCluster.Silo.Hosting;

/// <summary>Refuses <c>Metrics:RequireAuth=true</c> without any credential to check against.</summary>
internal sealed class MetricsAccessValidation : IValidateOptions<MetricsAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsAccessOptions o)
    {
        var basic = !string.IsNullOrEmpty(o.Username) && !string.IsNullOrEmpty(o.Password);
        if (o.RequireAuth && !basic && string.IsNullOrEmpty(o.BearerToken))
            return ValidateOptionsResult.Fail("Metrics:RequireAuth=true needs Metrics:Username and Metrics:Password, or Metrics:BearerToken.");
        if (!string.IsNullOrEmpty(o.Username) && string.IsNullOrEmpty(o.Password))
            return ValidateOptionsResult.Fail("Metrics:Password is required when Metrics:Username is set.");
        return ValidateOptionsResult.Success;
    }
}
