namespace OrderCluster.Runtime.Streams;

/// <summary>
/// Pulls one stream partition for every consumer group, on this silo while it owns the partition: a loop that runs
/// each group's cursor round, then sleeps until the poll interval passes, a local append or a finished delivery wakes it.
/// </summary>
internal sealed class PartitionAgent(int partition, StreamSubscriptionRegistry registry, StreamServices services)
{
    private readonly Dictionary<string, GroupPartitionCursor> _cursors = [];
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _head;

    public int Partition => partition;

    public IReadOnlyCollection<GroupPartitionCursor> Cursors
    {
        get
        {
            lock (_cursors) return _cursors.Values.ToList();
        }
    }

    public void Start() => _loop = Task.Run(RunAsync);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // a wake-up is already pending
        }
    }

    private async Task RunAsync()
    {
        var stopping = _stop.Token;
        var nextHeadRead = DateTimeOffset.MinValue;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await registry.RefreshAsync(force: false, stopping);
                var head = _head; // read before this round's reads
                foreach (var subscription in registry.Current)
                {
                    var cursor = await CursorAsync(subscription, stopping);
                    await cursor.RunOnceAsync(head, stopping);
                }

                if (services.Time.GetUtcNow() >= nextHeadRead)
                {
                    nextHeadRead = services.Time.GetUtcNow() + StreamServices.HeadsReadInterval;
                    _head = (await services.HeadsAsync().WaitAsync(stopping)).GetValueOrDefault(partition);
                    ReportLag();
                }

                await Task.WhenAny(_wake.WaitAsync(stopping), Task.Delay(services.Options.PollInterval, services.Time, stopping));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                StreamLog.PartitionFailed(services.Logger, e, partition);
                try
                {
                    await Task.Delay(services.Options.PollInterval, services.Time, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<GroupPartitionCursor> CursorAsync(StreamSubscription subscription, CancellationToken cancellationToken)
    {
        lock (_cursors)
            if (_cursors.TryGetValue(subscription.Group, out var existing)) return existing;
        var cursor = new GroupPartitionCursor(subscription, partition, services);
        await cursor.StartAsync(cancellationToken);
        lock (_cursors) _cursors[subscription.Group] = cursor;
        return cursor;
    }

    private void ReportLag()
    {
        var now = services.Time.GetUtcNow();
        foreach (var cursor in Cursors)
        {
            var seconds = cursor.OldestPending is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0;
            services.Metrics.Lag(cursor.Subscription.Group, partition, Math.Max(0, _head - cursor.Committed), seconds);
        }
    }

    /// <summary>Stops the loop and saves every group's cursor (called when the partition moves away or the silo stops).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        foreach (var cursor in Cursors) await cursor.FlushAsync(cancellationToken);
        services.Metrics.ForgetLag(partition);
    }
}
