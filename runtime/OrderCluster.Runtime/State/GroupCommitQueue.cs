using System.Diagnostics;
using System.Threading.Channels;

namespace OrderCluster.Runtime.State;

/// <summary>
/// Group commit: items that arrive while a batch is in flight are sent together as the next batch,
/// so many writers share one round trip and one transaction. No item waits on a timer: an item on an
/// idle queue is sent at once. Each caller's task completes only after its batch committed.
/// </summary>
internal sealed class GroupCommitQueue<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Entry> _channel = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _commit;
    private readonly Action<int, long, Exception?> _onBatch;
    private readonly int _maxBatchSize;
    private readonly Task[] _workers;
    private long _pending;

    /// <param name="commit">Commits one batch; returns one result per item, in order.</param>
    /// <param name="onBatch">Observes each batch: its size, its start timestamp and its failure.</param>
    public GroupCommitQueue(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> commit,
        int maxBatchSize, int concurrentBatches, Action<int, long, Exception?> onBatch)
    {
        _commit = commit;
        _onBatch = onBatch;
        _maxBatchSize = maxBatchSize;
        _workers = Enumerable.Range(0, concurrentBatches).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Items accepted and not yet taken into a batch.</summary>
    public long PendingCount => Interlocked.Read(ref _pending);

    public Task<TResult> EnqueueAsync(TItem item)
    {
        var entry = new Entry(item);
        Interlocked.Increment(ref _pending);
        if (!_channel.Writer.TryWrite(entry))
        {
            Interlocked.Decrement(ref _pending);
            return Task.FromException<TResult>(new ObjectDisposedException(nameof(GroupCommitQueue<TItem, TResult>), "The storage queue is closed: the silo is stopping."));
        }

        return entry.Completion.Task;
    }

    private async Task WorkAsync()
    {
        var entries = new List<Entry>(_maxBatchSize);
        var items = new List<TItem>(_maxBatchSize);
        while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            entries.Clear();
            items.Clear();
            while (entries.Count < _maxBatchSize && _channel.Reader.TryRead(out var entry))
            {
                entries.Add(entry);
                items.Add(entry.Item);
            }

            if (entries.Count == 0) continue;
            Interlocked.Add(ref _pending, -entries.Count);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var results = await _commit(items, CancellationToken.None).ConfigureAwait(false);
                if (results.Count != entries.Count)
                    throw new InvalidOperationException($"The store returned {results.Count} results for {entries.Count} items.");
                _onBatch(entries.Count, started, null);
                for (var i = 0; i < entries.Count; i++) entries[i].Completion.TrySetResult(results[i]);
            }
            catch (Exception e)
            {
                _onBatch(entries.Count, started, e);
                if (entries.Count == 1) entries[0].Completion.TrySetException(e);
                else await CommitOneByOneAsync(entries).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// After a failed batch, commits its items alone, in order, so that one bad item (a payload the database
    /// rejects) fails only its own caller. If the store is down, each fails quickly with the same error.
    /// </summary>
    private async Task CommitOneByOneAsync(List<Entry> entries)
    {
        foreach (var entry in entries)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var results = await _commit([entry.Item], CancellationToken.None).ConfigureAwait(false);
                _onBatch(1, started, null);
                entry.Completion.TrySetResult(results[0]);
            }
            catch (Exception e)
            {
                _onBatch(1, started, e);
                entry.Completion.TrySetException(e);
            }
        }
    }

    /// <summary>Stops accepting items and waits until every accepted one is committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete(); // idempotent: a second dispose just waits again
        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    private sealed class Entry(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
