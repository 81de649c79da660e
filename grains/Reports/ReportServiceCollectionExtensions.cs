using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrderCluster.Grains.Reports;

public static class ReportServiceCollectionExtensions
{
    /// <summary>Settings of saved reports (section <c>Reports</c>) and the sender of scheduled deliveries (it posts with the webhooks' HTTP client).</summary>
    public static IServiceCollection AddOrderReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportOptions>, ReportOptionsValidation>());
        services.TryAddSingleton<ReportSender>();
        return services;
    }
}

/// <summary>Names the setting that is out of range.</summary>
internal sealed class ReportOptionsValidation : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var failures = new List<string>();
        if (options.MaxPerTenant is < 1 or > 10_000) failures.Add("Reports:MaxPerTenant must be 1–10000.");
        if (options.MaxAttempts is < 1 or > 20) failures.Add("Reports:MaxAttempts must be 1–20.");
        if (options.RetryBaseDelay <= TimeSpan.Zero) failures.Add("Reports:RetryBaseDelay must be positive.");
        if (options.MaxDeliveryLog is < 1 or > 1_000) failures.Add("Reports:MaxDeliveryLog must be 1–1000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
