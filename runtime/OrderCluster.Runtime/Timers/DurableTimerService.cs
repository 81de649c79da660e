using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Observability;
using OrderCluster.Runtime.State;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Timers;

/// <summary>
/// Fires durable timers, at least once. Every poll interval it leases the timers due before the next
/// poll (in the hash ranges this silo owns), waits for each one's due time, calls the grain's
/// <see cref="IRemindable.ReceiveTimerAsync"/>, and only then acknowledges the tick: a one-shot timer
/// is deleted, a periodic one moves to its next future occurrence (missed occurrences collapse into the
/// one late tick). A failed tick stays leased until its back-off ends and is then delivered again with
/// its original scheduled time. A crash leaves ticks leased; they are taken over when the lease ends
/// (at once in embedded mode, where leases from a previous run are dropped at start).
/// </summary>
internal sealed class DurableTimerService : ISiloLifecycleParticipant, IAsyncDisposable
{
    private readonly IDurableTimerStore _store;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly DurableTimerOptions _options;
    private readonly IHashRangeOwnership _ownership;
    private readonly SiloIdentity _identity;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger<DurableTimerService> _logger;
    private readonly ConcurrentDictionary<(GrainId, string), long> _inFlight = new();
    private readonly ConcurrentDictionary<(GrainId, string), int> _attempts = new();
    private readonly SemaphoreSlim _deliverySlots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly GroupCommitQueue<TimerAcknowledgement, bool> _acks;
    private Task? _pollLoop;
    private long _pendingEstimate;
    private long _polls;
    private int _disposed;

    public DurableTimerService(IDurableTimerStore store, IGrainFactory grains, TimeProvider time,
        IOptions<DurableTimerOptions> options, IHashRangeOwnership ownership, SiloIdentity identity,
        RuntimeMetrics metrics, ILogger<DurableTimerService> logger)
    {
        _store = store;
        _grains = grains;
        _time = time;
        _options = options.Value;
        _ownership = ownership;
        _identity = identity;
        _metrics = metrics;
        _logger = logger;
        _deliverySlots = new SemaphoreSlim(_options.MaxConcurrentDeliveries);
        _acks = new GroupCommitQueue<TimerAcknowledgement, bool>(AcknowledgeBatchAsync, 1000, 1, OnAckBatch);
        metrics.Meter.CreateObservableGauge("ordercluster.timers.in_flight", () => (long)_inFlight.Count, "{timer}",
            "Durable timer ticks being delivered by this silo.");
        metrics.Meter.CreateObservableGauge("ordercluster.timers.pending", () => Interlocked.Read(ref _pendingEstimate), "{timer}",
            "Registered durable timers (refreshed every minute).");
    }

    public int Stage => SiloLifecycleStage.BackgroundWork;

    public string Name => "durable timers";

    /// <summary>Ticks being delivered now.</summary>
    public int InFlightCount => _inFlight.Count;

    /// <summary>Polls completed, each counted once the next is scheduled (lets tests that move a manual clock wait for each poll).</summary>
    public long PollCount => Interlocked.Read(ref _polls);

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (_ownership.IsSoleOwner) await _store.ReleaseLeasesAsync(null, cancellationToken);
        _pollLoop = Task.Run(() => PollLoopAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task PollLoopAsync(CancellationToken stopping)
    {
        var nextStats = _time.GetUtcNow();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // A full page means more is due right now: read again without waiting.
                while (await PollOnceAsync(stopping) >= _options.ClaimBatchSize && !stopping.IsCancellationRequested)
                {
                }

                if (_time.GetUtcNow() >= nextStats)
                {
                    nextStats = _time.GetUtcNow() + TimeSpan.FromMinutes(1);
                    Interlocked.Exchange(ref _pendingEstimate, (await _store.GetStatsAsync(stopping)).Pending);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                RuntimeLog.TimerPollFailed(_logger, e);
            }

            // Counted only once the wait is scheduled: a test moving a manual clock after seeing the count
            // change then always ends this wait (counting earlier let the clock move before the wait began).
            var nextPoll = Task.Delay(_options.PollInterval, _time, stopping);
            Interlocked.Increment(ref _polls);
            try
            {
                await nextPoll;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims the due window once and starts delivering what it got; returns how many were claimed.</summary>
    internal async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<DurableTimerRecord> claimed;
        try
        {
            claimed = await _store.ClaimDueAsync(now + _options.PollInterval, _ownership.OwnedRanges, _identity.InstanceId,
                now, now + _options.LeaseDuration, _options.ClaimBatchSize, cancellationToken);
        }
        catch
        {
            _metrics.StorageOperation("timer-claim", started, 0, failed: true);
            throw;
        }

        _metrics.StorageOperation("timer-claim", started, claimed.Count, failed: false);
        if (claimed.Count > 0) RuntimeLog.TimersClaimed(_logger, claimed.Count);
        foreach (var timer in claimed)
        {
            if (_inFlight.TryAdd((timer.GrainId, timer.Name), timer.Version))
                _ = DeliverAsync(timer, _stopping.Token);
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(DurableTimerRecord timer, CancellationToken stopping)
    {
        var key = (timer.GrainId, timer.Name);
        var slotTaken = false;
        try
        {
            var wait = timer.DueAt - _time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, stopping);
            await _deliverySlots.WaitAsync(stopping);
            slotTaken = true;

            var firedAt = _time.GetUtcNow();
            var tick = new DurableTimerTick(timer.Name, timer.DueAt, firedAt, timer.Period);
            try
            {
                await _grains.GetGrain<IRemindable>(timer.GrainId).ReceiveTimerAsync(tick);
            }
            catch (Exception e)
            {
                _metrics.TimerDelivered(firedAt - timer.DueAt, succeeded: false);
                await DeferAsync(timer, e, stopping);
                return;
            }

            _metrics.TimerDelivered(firedAt - timer.DueAt, succeeded: true);
            _attempts.TryRemove(key, out _);
            await _acks.EnqueueAsync(new TimerAcknowledgement(timer.GrainId, timer.Name, timer.Version,
                NextOccurrence(timer, firedAt)));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down before delivery: the lease is released on stop, another run delivers it.
        }
        catch (Exception e)
        {
            // The acknowledgement failed: the tick stays leased and is delivered again later (at least once).
            RuntimeLog.TimerAckFailed(_logger, e, 1);
        }
        finally
        {
            if (slotTaken) _deliverySlots.Release();
            _inFlight.TryRemove(key, out _);
        }
    }

    private async Task DeferAsync(DurableTimerRecord timer, Exception failure, CancellationToken stopping)
    {
        var attempt = _attempts.AddOrUpdate((timer.GrainId, timer.Name), 1, (_, a) => a + 1);
        var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxRetryBackoff.Ticks,
            _options.RetryBackoff.Ticks * (1L << Math.Min(attempt - 1, 20))));
        var retryAt = _time.GetUtcNow() + backoff;
        RuntimeLog.TimerDeliveryFailed(_logger, failure, timer.Name, timer.GrainId, attempt, retryAt);
        await _store.DeferAsync([new TimerAcknowledgement(timer.GrainId, timer.Name, timer.Version, null)], retryAt, stopping);
    }

    /// <summary>The first occurrence after <paramref name="firedAt"/>; null for a one-shot timer.</summary>
    internal static DateTimeOffset? NextOccurrence(DurableTimerRecord timer, DateTimeOffset firedAt)
    {
        if (timer.Period is not { } period) return null;
        var missed = Math.Max(0, (firedAt - timer.DueAt).Ticks / period.Ticks);
        return timer.DueAt + TimeSpan.FromTicks(period.Ticks * (missed + 1));
    }

    private async Task<IReadOnlyList<bool>> AcknowledgeBatchAsync(IReadOnlyList<TimerAcknowledgement> acks, CancellationToken cancellationToken)
    {
        await _store.AcknowledgeAsync(acks, cancellationToken);
        return Enumerable.Repeat(true, acks.Count).ToList();
    }

    private void OnAckBatch(int size, long started, Exception? failure)
    {
        _metrics.StorageOperation("timer-ack", started, size, failure is not null);
        if (failure is not null) RuntimeLog.TimerAckFailed(_logger, failure, size);
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_pollLoop is not null) await _pollLoop.WaitAsync(cancellationToken);
        // Let ticks already handed to grains finish, so they are acknowledged rather than redelivered.
        while (!_inFlight.IsEmpty && !cancellationToken.IsCancellationRequested)
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        await _acks.DisposeAsync();
        await _store.ReleaseLeasesAsync(_identity.InstanceId, cancellationToken);
    }

    // Registered both as itself and as a lifecycle participant, so the container disposes it twice.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        await _acks.DisposeAsync();
    }
}
