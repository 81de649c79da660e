using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Activation;

/// <summary>Every collection quantum, deactivates activations that have been idle past their collection age.</summary>
internal sealed class ActivationCollector(
    Catalog catalog, TimeProvider time, IOptions<RuntimeOptions> options, ILogger<ActivationCollector> logger)
    : PeriodicSiloService(time)
{
    public override int Stage => SiloLifecycleStage.RuntimeServices;

    public override string Name => "activation collector";

    protected override TimeSpan Interval => options.Value.CollectionQuantum;

    protected override void RunOnce() => Collect();

    internal int Collect()
    {
        var collected = catalog.CollectIdle();
        if (collected > 0) RuntimeLog.IdleCollected(logger, collected);
        return collected;
    }
}
