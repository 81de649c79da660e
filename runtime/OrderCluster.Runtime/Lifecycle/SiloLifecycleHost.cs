using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Lifecycle;

/// <summary>
/// Runs the silo lifecycle inside the generic host: participants start stage by stage, ascending, and stop in
/// reverse. Stages below <see cref="SiloLifecycleStage.Membership"/> (storage, the runtime) start with the host's
/// hosted services; the later ones (joining the cluster, background work, readiness) start once every hosted service
/// has started, so the web server already listens on the silo port when other silos first call. The whole stop runs
/// before any hosted service stops, so the web server (and its silo connections) outlives the drain.
/// A participant that fails to start fails the host's start with its exception.
/// </summary>
internal sealed class SiloLifecycleHost(
    IEnumerable<ISiloLifecycleParticipant> participants,
    SiloStatus status,
    // Taken here so the collector listens from the start: counters it did not hear are lost to /metrics.
    MetricsCollector metrics,
    TimeProvider time,
    ILogger<SiloLifecycleHost> logger) : IHostedLifecycleService
{
    private readonly List<ISiloLifecycleParticipant> _started = [];
    private readonly Stopwatch _startup = new();
    private bool _stopped;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _startup.Start();
        GC.KeepAlive(metrics);
        status.StartedAt = time.GetUtcNow();
        return StartStagesAsync(stage => stage < SiloLifecycleStage.Membership, cancellationToken);
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await StartStagesAsync(stage => stage >= SiloLifecycleStage.Membership, cancellationToken);
        status.Set(SiloStatusCode.Active);
        RuntimeLog.RuntimeStarted(logger, _startup.ElapsedMilliseconds, _started.Count);
    }

    private async Task StartStagesAsync(Func<int, bool> which, CancellationToken cancellationToken)
    {
        foreach (var group in participants.Where(p => which(p.Stage)).GroupBy(p => p.Stage).OrderBy(g => g.Key))
            await Task.WhenAll(group.Select(p => StartOneAsync(p, cancellationToken)));
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

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_stopped) return;
        _stopped = true;
        status.Set(SiloStatusCode.ShuttingDown);
        List<ISiloLifecycleParticipant> started;
        lock (_started) started = [.. _started];
        foreach (var group in started.GroupBy(p => p.Stage).OrderByDescending(g => g.Key))
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

    // Everything stopped in StoppingAsync, before the web server began its own stop.
    public Task StopAsync(CancellationToken cancellationToken) => StoppingAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
