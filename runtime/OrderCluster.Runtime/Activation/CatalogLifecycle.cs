using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Activation;

/// <summary>
/// Graceful stop of the grains: accept no new activations, let running requests finish, run every
/// OnDeactivateAsync (whose state writes commit before storage stops), all within the drain timeout.
/// </summary>
internal sealed class CatalogLifecycle(
    Catalog catalog, GrainRuntime runtime, IOptions<RuntimeOptions> options, ILogger<CatalogLifecycle> logger)
    : ISiloLifecycleParticipant
{
    public int Stage => SiloLifecycleStage.RuntimeServices;

    public string Name => "catalog";

    public Task OnStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        RuntimeLog.RuntimeStopping(logger, catalog.Count);
        catalog.StopAccepting();
        var drained = catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the silo is stopping"));
        try
        {
            await drained.WaitAsync(options.Value.ShutdownDrainTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            RuntimeLog.DrainTimedOut(logger, catalog.Count);
            runtime.CancelStopping();
        }

        RuntimeLog.RuntimeStopped(logger, watch.ElapsedMilliseconds);
    }
}
