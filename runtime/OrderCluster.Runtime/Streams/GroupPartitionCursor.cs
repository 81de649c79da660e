using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// One consumer group on one partition: a window of events read ahead of the committed cursor, delivered to the
/// consumer grains. Each stream's events go in order (a stream waits while an earlier event of it is in flight or
/// waiting to retry); other streams keep going, so a poison event blocks only its own stream. One delivery is in flight
/// per consumer grain, so its turn order is the stream order. A failed batch is retried one event at a time with back-off;
/// an event that fails <see cref="StreamOptions.MaxDeliveryAttempts"/> times (<see cref="StreamOptions.MaxTransientDeliveryAttempts"/>
/// when its last failure was transient, see <see cref="TransientDeliveryFailures"/>) goes to the dead letters. The cursor moves
/// over the prefix of the window that is done and is saved now and then: after a crash the next owner starts from it
/// (events after it may be delivered again; none is skipped).
/// </summary>
internal sealed class GroupPartitionCursor(StreamSubscription subscription, int partition, StreamServices services)
{
    private readonly Lock _lock = new();
    private readonly List<PendingEvent> _window = [];
    private readonly HashSet<GrainId> _busyTargets = [];
    private long _savedCommitted = -1;
    private DateTimeOffset _nextSave;
    private DateTimeOffset _nextEpochCheck;

    public StreamSubscription Subscription => subscription;

    public int Partition => partition;

    public long Committed { get; private set; }

    public long ReadPosition { get; private set; }

    public long Epoch { get; private set; } = -1;

    /// <summary>When the oldest unhandled event was created (for lag in seconds), or null.</summary>
    public DateTimeOffset? OldestPending
    {
        get
        {
            lock (_lock) return _window.FirstOrDefault(e => !e.Done)?.Stored.CreatedAt;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cursors = await services.Store.ReadCursorsAsync(subscription.Group, cancellationToken);
        Committed = ReadPosition = _savedCommitted = cursors.GetValueOrDefault(partition);
        await CheckResetAsync(force: true, cancellationToken);
    }

    /// <summary>
    /// One round: apply a reset if one came, read ahead, deliver what may go, dead-letter, advance and save.
    /// <paramref name="knownHead"/> is the partition's last position as read before this round (every event up to it is committed).
    /// </summary>
    public async Task RunOnceAsync(long knownHead, CancellationToken cancellationToken)
    {
        await CheckResetAsync(force: false, cancellationToken);
        await ReadAheadAsync(knownHead, cancellationToken);
        await DeadLetterExhaustedAsync(cancellationToken);
        Dispatch();
        await SaveAsync(force: false, cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => SaveAsync(force: true, cancellationToken);

    private async Task CheckResetAsync(bool force, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        if (!force && now < _nextEpochCheck) return;
        _nextEpochCheck = now + StreamServices.EpochCheckInterval;
        if (!force && await services.EpochAsync(subscription.Group) == Epoch) return;
        var control = services.Grains.GetGrain<IStreamGroupControlGrain>(subscription.Group);

        var reset = await control.GetResetAsync();
        if (reset.Pending(partition))
        {
            var position = reset.Positions[partition];
            lock (_lock)
            {
                _window.Clear(); // deliveries still in flight finish on objects no longer tracked
                _busyTargets.Clear();
                Committed = ReadPosition = position;
            }

            await services.Store.SaveCursorsAsync(subscription.Group, new Dictionary<int, long> { [partition] = position }, cancellationToken);
            _savedCommitted = position;
            StreamLog.GroupReset(services.Logger, subscription.Group, partition, position, reset.Epoch);
        }

        if (reset.Positions.ContainsKey(partition)) await control.AcknowledgeAsync(partition, reset.Epoch);
        Epoch = reset.Epoch;
    }

    private async Task ReadAheadAsync(long knownHead, CancellationToken cancellationToken)
    {
        int room;
        lock (_lock) room = services.Options.MaxWindow - _window.Count;
        if (room <= 0) return;
        var limit = Math.Min(room, services.Options.ReadBatchSize);
        var events = await services.Store.ReadAsync(partition, ReadPosition, [subscription.Namespace], subscription.StreamKey, limit, cancellationToken);
        lock (_lock)
        {
            foreach (var e in events) _window.Add(new PendingEvent(e, subscription.Target(e.Stream)));
            if (events.Count > 0) ReadPosition = events[^1].Position;
            // A short read has seen every event of this group up to the head read before it: the positions in between
            // belong to other namespaces or keys, so the group moves past them (its lag and retention count them as handled).
            if (events.Count < limit && knownHead > ReadPosition) ReadPosition = knownHead;
            if (_window.Count == 0) Committed = ReadPosition;
        }
    }

    private void Dispatch()
    {
        var now = services.Time.GetUtcNow();
        var batches = new Dictionary<GrainId, List<PendingEvent>>();
        lock (_lock)
        {
            var waiting = new HashSet<StreamId>();
            foreach (var pending in _window)
            {
                if (pending.Done) continue;
                var stream = pending.Stored.Stream;
                if (waiting.Contains(stream)) continue;
                // An earlier event of this stream is not done, or its grain is busy: the rest of the stream waits.
                if (pending.InFlight || pending.Exhausted || pending.RetryAt > now || _busyTargets.Contains(pending.Target))
                {
                    waiting.Add(stream);
                    continue;
                }

                if (!batches.TryGetValue(pending.Target, out var batch)) batches[pending.Target] = batch = [];
                var retrying = pending.Attempts > 0 || batch.Any(b => b.Attempts > 0);
                if ((retrying && batch.Count > 0) || batch.Count >= services.Options.DeliveryBatchSize)
                {
                    waiting.Add(stream);
                    continue;
                }

                batch.Add(pending);
            }

            foreach (var (target, batch) in batches)
            {
                _busyTargets.Add(target);
                foreach (var pending in batch) pending.InFlight = true;
            }
        }

        foreach (var (target, batch) in batches) _ = DeliverAsync(target, batch);
    }

    private async Task DeliverAsync(GrainId target, List<PendingEvent> batch)
    {
        Exception? failure = null;
        try
        {
            await services.Deliver(subscription.Group, target, batch.Select(p => p.ToEvent()).ToList());
        }
        catch (Exception e)
        {
            failure = e;
        }

        var now = services.Time.GetUtcNow();
        lock (_lock)
        {
            _busyTargets.Remove(target);
            foreach (var pending in batch)
            {
                pending.InFlight = false;
                if (failure is null)
                {
                    pending.Done = true;
                    continue;
                }

                pending.Attempts++;
                pending.LastError = $"{failure.GetType().Name}: {failure.Message}";
                var limit = TransientDeliveryFailures.Includes(failure) ? services.Options.MaxTransientDeliveryAttempts : services.Options.MaxDeliveryAttempts;
                if (batch.Count == 1 && pending.Attempts >= limit) pending.Exhausted = true;
                else pending.RetryAt = now + services.Backoff(pending.Attempts);
            }

            AdvanceLocked();
        }

        if (failure is null) services.Metrics.Delivered(subscription.Group, batch, now);
        else services.Metrics.DeliveryFailed(subscription.Group, batch.Count);
        if (failure is not null) StreamLog.DeliveryFailed(services.Logger, failure, subscription.Group, target, batch.Count, batch[0].Attempts);
        services.Wake(partition);
    }

    private async Task DeadLetterExhaustedAsync(CancellationToken cancellationToken)
    {
        List<PendingEvent> exhausted;
        lock (_lock) exhausted = _window.Where(p => p.Exhausted && !p.Done).ToList();
        foreach (var pending in exhausted)
        {
            await services.Store.AddDeadLetterAsync(new DeadLetter(0, subscription.Group, pending.Stored, pending.LastError ?? "failed",
                pending.Attempts, services.Time.GetUtcNow()), cancellationToken);
            services.Metrics.DeadLettered(subscription.Group);
            StreamLog.DeadLettered(services.Logger, subscription.Group, pending.Stored.Stream, pending.Stored.Sequence, pending.Attempts);
            lock (_lock)
            {
                pending.Done = true;
                AdvanceLocked();
            }
        }
    }

    private void AdvanceLocked()
    {
        var done = 0;
        while (done < _window.Count && _window[done].Done) done++;
        if (done == 0) return;
        Committed = _window[done - 1].Stored.Position;
        _window.RemoveRange(0, done);
        if (_window.Count == 0) Committed = ReadPosition; // everything read is handled
    }

    private async Task SaveAsync(bool force, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        var committed = Committed;
        if (committed == _savedCommitted || (!force && now < _nextSave)) return;
        _nextSave = now + services.Options.CursorSaveInterval;
        await services.Store.SaveCursorsAsync(subscription.Group, new Dictionary<int, long> { [partition] = committed }, cancellationToken);
        _savedCommitted = committed;
    }
}
