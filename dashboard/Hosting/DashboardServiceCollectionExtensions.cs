using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Api;
using OrderCluster.Dashboard.Cluster;
using OrderCluster.Dashboard.Collection;
using OrderCluster.Dashboard.Redaction;
using OrderCluster.Runtime.Cluster.Membership;
using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Hosting;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SRE dashboard (configuration section <c>Dashboard</c>): its once-a-second collection, the recent-calls log, membership
    /// history, sign-in and the read and act policies. Map it with <see cref="DashboardEndpointRouteBuilderExtensions.MapDashboard"/>.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidation>());
        services.AddOptions<RecentCallLogOptions>().Configure<IServiceProvider>((log, sp) =>
            log.Capacity = sp.GetRequiredService<DashboardAccess>().Mode == DashboardMode.Disabled ? 0
                : sp.GetRequiredService<IOptions<DashboardOptions>>().Value.RecentCalls);
        services.AddRuntimeDiagnostics();
        services.AddMembershipDiagnostics();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DashboardAccess>();
        services.TryAddSingleton<AssetStore>();
        services.TryAddSingleton<PeerClient>();
        // One redactor for the dashboard and the stream admin API (which finds it as PayloadRedactor): the same fields hidden.
        services.TryAddSingleton(sp => new OrderCluster.Runtime.PayloadRedactor(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.EffectiveRedactedFields));
        services.TryAddSingleton(sp => new JsonRedactor(sp.GetRequiredService<OrderCluster.Runtime.PayloadRedactor>()));
        services.TryAddSingleton<TimerStatsCache>();
        services.TryAddSingleton<ClusterSnapshotSource>();
        services.TryAddSingleton<SiloSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<SiloSampler>());

        var schemes = configuration.GetSection($"{DashboardOptions.SectionName}:{nameof(DashboardOptions.AuthenticationSchemes)}").Get<string[]>() ?? [];
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DashboardSessionHandler>(DashboardScopes.SessionScheme, null);
        services.AddAuthorization(authorization =>
        {
            // The session scheme last: a refusal is answered by each scheme in turn, and the session handler writes the problem body
            // (unless another scheme already wrote one), so no handler sets a status after a body was sent.
            string[] all = [.. schemes, DashboardScopes.SessionScheme];
            authorization.AddPolicy(DashboardScopes.ReadPolicy, policy => policy.AddAuthenticationSchemes(all).RequireAssertion(context =>
                context.User.HasClaim(DashboardScopes.ClaimType, DashboardScopes.Read) || context.User.HasClaim(DashboardScopes.ClaimType, DashboardScopes.Admin)));
            authorization.AddPolicy(DashboardScopes.AdminPolicy, policy => policy.AddAuthenticationSchemes(all)
                .RequireClaim(DashboardScopes.ClaimType, DashboardScopes.Admin));
        });
        return services;
    }
}
