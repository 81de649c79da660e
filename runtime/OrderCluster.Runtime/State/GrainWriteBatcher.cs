using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Observability;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.State;

/// <summary>
/// Sends grain writes (state and timer changes) to the store in group-committed batches. Initializes
/// the store's schema at the storage stage and, on the way down, commits everything already accepted.
/// </summary>
internal sealed class GrainWriteBatcher(
    IGrainStateStore store,
    IOptions<StateBatchingOptions> options,
    RuntimeMetrics metrics,
    ILogger<GrainWriteBatcher> logger) : ISiloLifecycleParticipant, IAsyncDisposable
{
    private GroupCommitQueue<GrainWrite, GrainWriteResult>? _queue;

    public int Stage => SiloLifecycleStage.Storage;

    public string Name => "grain storage";

    /// <summary>Writes waiting for the next batch.</summary>
    public long PendingCount => _queue?.PendingCount ?? 0;

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge("ordercluster.storage.queue.length", () => PendingCount, "{write}",
            "Grain writes waiting for the next group-commit batch.");
        await store.InitializeAsync(cancellationToken);
        _queue = new GroupCommitQueue<GrainWrite, GrainWriteResult>(store.CommitAsync, options.Value.MaxBatchSize,
            options.Value.MaxConcurrentBatches, OnBatch);
    }

    /// <summary>Commits <paramref name="write"/> with whatever else is waiting; completes after commit.</summary>
    public Task<GrainWriteResult> CommitAsync(GrainWrite write) =>
        _queue?.EnqueueAsync(write)
        ?? Task.FromException<GrainWriteResult>(new InvalidOperationException("Grain storage has not started."));

    public Task OnStopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask().WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_queue is { } queue) await queue.DisposeAsync();
    }

    private void OnBatch(int size, long started, Exception? failure)
    {
        metrics.StorageOperation("commit", started, size, failure is not null);
        if (failure is not null) RuntimeLog.StorageBatchFailed(logger, failure, size);
    }
}
