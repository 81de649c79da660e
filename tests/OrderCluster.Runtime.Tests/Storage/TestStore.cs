using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>A store instance under test: its three faces and whatever owns it (a service provider), disposed once.</summary>
public sealed class TestStore(IGrainStateStore state, IDurableTimerStore timers, IStreamStore streams, IAsyncDisposable? owner) : IAsyncDisposable
{
    private int _disposed;

    public IGrainStateStore State { get; } = state;

    public IDurableTimerStore Timers { get; } = timers;

    public IStreamStore Streams { get; } = streams;

    /// <summary>Drops the instance without settling anything, as a crashed silo would.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && owner is not null) await owner.DisposeAsync();
    }
}
