using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Cluster.Membership;
using OrderCluster.Runtime.Cluster.Messaging;
using OrderCluster.Runtime.Cluster.Transport;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Messaging;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Hosting;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Turns a silo into a cluster member: membership in the storage provider's membership table (PostgreSQL),
    /// failure detection, consistent-hash placement over the active silos, and silo-to-silo TCP. The host must also
    /// listen on the silo port (<see cref="ClusterKestrelExtensions.ListenForSilos"/>).
    /// </summary>
    public static IServiceCollection AddOrderClusterClustering(this IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidation>());

        services.RemoveAll<IClusterView>();
        services.TryAddSingleton<ClusterView>();
        services.AddSingleton<IClusterView>(sp => sp.GetRequiredService<ClusterView>());

        services.TryAddSingleton<ConnectionManager>();
        services.TryAddSingleton<RemoteCallSender>();
        services.RemoveAll<IRemoteCallSender>();
        services.AddSingleton<IRemoteCallSender>(sp => sp.GetRequiredService<RemoteCallSender>());
        services.TryAddSingleton<IncomingFrameHandler>();
        services.TryAddSingleton<SiloConnectionHandler>();
        services.TryAddSingleton<MembershipRefresh>();
        services.TryAddSingleton<MembershipAgent>();
        services.TryAddSingleton<FailureDetector>();
        services.TryAddSingleton<OwnershipMonitor>();
        services.TryAddSingleton<IMembershipTable>(_ => throw new InvalidOperationException(
            "Clustering needs a membership table: use PostgreSQL storage (Storage:Provider=Postgres)."));

        RuntimeServiceCollectionExtensions.AddParticipant<ClusterJoin>(services);
        RuntimeServiceCollectionExtensions.AddParticipant<ClusterShutdownAnnouncer>(services);
        RuntimeServiceCollectionExtensions.AddParticipant<ClusterExit>(services);
        RuntimeServiceCollectionExtensions.AddParticipant<RemoteCallSweeper>(services);
        return services;
    }
}
