using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Cluster.Membership;
using OrderCluster.Runtime.Cluster.Messaging;
using OrderCluster.Runtime.Cluster.Transport;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Testing.Cluster;

/// <summary>One silo of a <see cref="TestCluster"/>: its own host, container and loopback silo port.</summary>
public sealed class TestClusterSilo
{
    internal TestClusterSilo(WebApplication app, string name)
    {
        App = app;
        Name = name;
    }

    public WebApplication App { get; }

    public string Name { get; }

    public IServiceProvider Services => App.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => Services.GetRequiredService<IClusterView>().LocalSilo;

    public bool IsAlive { get; internal set; } = true;

    /// <summary>Where the silo listens for HTTP (<see cref="TestClusterOptions.ListenHttp"/>), or null.</summary>
    public Uri? HttpAddress { get; internal init; }

    /// <summary>The silos this one sees on the ring.</summary>
    public IReadOnlyList<SiloAddress> RingSilos => Services.GetRequiredService<IClusterView>().Ring.Silos;

    /// <summary>How many activations this silo holds now.</summary>
    public int ActivationCount => Services.GetRequiredService<Catalog>().Count;

    public bool HasActivation(GrainId grainId) => Services.GetRequiredService<Catalog>().TryGet(grainId, out _);

    /// <summary>Stops answering probes, as a silo whose listener hangs would; everything else keeps running.</summary>
    public void PauseProbeAnswers() => Services.GetRequiredService<IncomingFrameHandler>().IgnorePings = true;

    /// <summary>True once the host began stopping (for example because the cluster declared this silo dead).</summary>
    public bool IsStopping => App.Lifetime.ApplicationStopping.IsCancellationRequested;

    internal void KillConnections() => Services.GetRequiredService<ConnectionManager>().Kill();

    internal MembershipAgent Agent => Services.GetRequiredService<MembershipAgent>();

    /// <summary>The cluster name the silo registered under.</summary>
    public string ClusterName => Agent.Cluster;

    public override string ToString() => $"{Name} ({Address})";
}
