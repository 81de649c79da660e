using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Memory;

namespace OrderCluster.Runtime.Tests.State;

/// <summary>
/// A memory store that records every batch it commits, can hold commits until a test releases them,
/// and rejects any batch containing a "poison" payload (as PostgreSQL rejects a NUL in jsonb).
/// </summary>
internal sealed class GatedStore : IGrainStateStore
{
    private readonly MemoryGrainStore _inner = new();
    private readonly List<int> _batchSizes = [];
    private TaskCompletionSource _gate = Open();
    private int _entered;

    public static readonly byte[] PoisonMarker = "poison"u8.ToArray();

    public MemoryGrainStore Inner => _inner;

    /// <summary>Commits that reached the store (held ones included).</summary>
    public int Entered => Volatile.Read(ref _entered);

    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (_batchSizes) return _batchSizes.ToList();
        }
    }

    /// <summary>From now on, commits wait until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<StoredGrainState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken) =>
        _inner.ReadStateAsync(grainId, stateName, cancellationToken);

    public async Task<IReadOnlyList<GrainWriteResult>> CommitAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _entered);
        await _gate.Task;
        lock (_batchSizes) _batchSizes.Add(writes.Count);
        if (writes.Any(w => w.State?.Payload is { } p && p.AsSpan().IndexOf(PoisonMarker) >= 0))
            throw new InvalidOperationException("the database rejected a payload in this batch");
        return await _inner.CommitAsync(writes, cancellationToken);
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
