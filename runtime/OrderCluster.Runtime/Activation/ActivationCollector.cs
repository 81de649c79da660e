using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Activation;

/// <summary>Every collection quantum, deactivates activations that have been idle past their collection age.</summary>
internal sealed class ActivationCollector(
    Catalog catalog, TimeProvider time, IOptions<RuntimeOptions> options, ILogger<ActivationCollector> logger)
    : ISiloLifecycleParticipant, IDisposable
{
    private ITimer? _timer;

    public int Stage => SiloLifecycleStage.RuntimeServices;

    public string Name => "activation collector";

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = time.CreateTimer(_ => Collect(), null, quantum, quantum);
        return Task.CompletedTask;
    }

    public Task OnStopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    internal int Collect()
    {
        var collected = catalog.CollectIdle();
        if (collected > 0) RuntimeLog.IdleCollected(logger, collected);
        return collected;
    }

    public void Dispose() => _timer?.Dispose();
}
