using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Membership;

public static class MembershipDiagnosticsRegistration
{
    /// <summary>
    /// Makes <see cref="IClusterDiagnostics"/> report the cluster's membership and its history when the silo is a cluster member,
    /// and the silo alone otherwise (decided when first resolved, so the order of registrations does not matter).
    /// </summary>
    public static IServiceCollection AddMembershipDiagnostics(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IClusterDiagnostics>(sp => sp.GetService<ClusterView>() is { } view
            ? new MembershipHistory(view, sp.GetRequiredService<TimeProvider>())
            : new StandaloneClusterDiagnostics(sp.GetRequiredService<IClusterView>(), sp.GetRequiredService<SiloIdentity>(),
                sp.GetRequiredService<SiloStatus>())));
        return services;
    }
}
