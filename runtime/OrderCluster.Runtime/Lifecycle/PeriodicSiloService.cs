namespace OrderCluster.Runtime.Lifecycle;

/// <summary>
/// A lifecycle participant that does one piece of housekeeping every <see cref="Interval"/> on the injected
/// clock (so tests move it), from its start stage until it stops.
/// </summary>
internal abstract class PeriodicSiloService(TimeProvider time) : ISiloLifecycleParticipant, IDisposable
{
    private ITimer? _timer;

    /// <summary>The clock the service runs on.</summary>
    protected TimeProvider Time => time;

    public abstract int Stage { get; }

    public abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One round of the work; runs on a thread-pool thread.</summary>
    protected abstract void RunOnce();

    public virtual Task OnStartAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(static s => ((PeriodicSiloService)s!).RunOnce(), this, Interval, Interval);
        return Task.CompletedTask;
    }

    public virtual Task OnStopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();
}
