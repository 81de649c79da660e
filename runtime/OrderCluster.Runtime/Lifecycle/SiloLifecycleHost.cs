using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Lifecycle;

/// <summary>
/// Runs the silo lifecycle inside the generic host: participants start stage by stage, ascending, and
/// stop in reverse. A participant that fails to start fails the host's start with its exception.
/// </summary>
internal sealed class SiloLifecycleHost(
    IEnumerable<ISiloLifecycleParticipant> participants,
    SiloStatus status,
    // Taken here so the collector listens from the start: counters it did not hear are lost to /metrics.
    MetricsCollector metrics,
    TimeProvider time,
    ILogger<SiloLifecycleHost> logger) : IHostedService
{
    private readonly List<ISiloLifecycleParticipant> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        GC.KeepAlive(metrics);
        status.StartedAt = time.GetUtcNow();
        foreach (var group in participants.GroupBy(p => p.Stage).OrderBy(g => g.Key))
        {
            await Task.WhenAll(group.Select(p => StartOneAsync(p, cancellationToken)));
        }

        status.Set(SiloStatusCode.Active);
        RuntimeLog.RuntimeStarted(logger, total.ElapsedMilliseconds, _started.Count);
    }

    private async Task StartOneAsync(ISiloLifecycleParticipant participant, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await participant.OnStartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            RuntimeLog.LifecycleFailed(logger, e, participant.Stage, participant.Name, "start");
            throw;
        }

        lock (_started) _started.Add(participant);
        RuntimeLog.LifecycleStep(logger, participant.Stage, participant.Name, "started", watch.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        status.Set(SiloStatusCode.ShuttingDown);
        foreach (var group in _started.GroupBy(p => p.Stage).OrderByDescending(g => g.Key))
        {
            await Task.WhenAll(group.Select(async p =>
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    await p.OnStopAsync(cancellationToken);
                    RuntimeLog.LifecycleStep(logger, p.Stage, p.Name, "stopped", watch.ElapsedMilliseconds);
                }
                catch (Exception e)
                {
                    // Keep stopping the other stages: a half-stopped silo must still flush its storage.
                    RuntimeLog.LifecycleFailed(logger, e, p.Stage, p.Name, "stop");
                }
            }));
        }

        status.Set(SiloStatusCode.Stopped);
    }
}
