namespace OrderCluster.Runtime.Activation;

/// <summary>
/// Runs one activation's work one item at a time on the shared thread pool (no thread per grain).
/// It is the <see cref="SynchronizationContext"/> of the grain's code: an <c>await</c> without
/// ConfigureAwait(false) posts its continuation back here, which is what makes a grain single-threaded.
/// Items are new requests (started without allocating) and posted continuations. A busy activation
/// yields its thread after a batch of items. Small on purpose: every idle activation owns one.
/// </summary>
internal sealed class ActivationWorkQueue(ActivationData activation) : SynchronizationContext, IThreadPoolWorkItem
{
    private const int MaxItemsPerTurn = 64;

    private readonly Queue<WorkItem> _items = new();
    private bool _scheduled;

    public ActivationData Activation { get; } = activation;

    /// <summary>The activation's monitor: the queue object, which every activation has anyway.</summary>
    public object ActivationLock => _items;

    /// <summary>True when the calling code runs inside this activation.</summary>
    public bool IsCurrent => ReferenceEquals(Current, this);

    /// <summary>Queues the start of <paramref name="request"/>.</summary>
    public void EnqueueRequest(CodeGeneration.GrainRequest request) => Enqueue(new WorkItem(null, request));

    public override void Post(SendOrPostCallback d, object? state) => Enqueue(new WorkItem(d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A grain cannot block on its own turn; await instead.");

    public override SynchronizationContext CreateCopy() => this;

    private void Enqueue(WorkItem item)
    {
        lock (_items)
        {
            _items.Enqueue(item);
            if (_scheduled) return;
            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var i = 0; i < MaxItemsPerTurn; i++)
            {
                WorkItem item;
                lock (_items)
                {
                    if (!_items.TryDequeue(out item))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                Run(item);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }

        // Yield the thread to other work; still marked scheduled, so nobody else runs our items meanwhile.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private void Run(WorkItem item)
    {
        try
        {
            if (item.Callback is null) Activation.RunRequest((CodeGeneration.GrainRequest)item.State!);
            else item.Callback(item.State);
        }
        catch (Exception e)
        {
            // Only an async void method of grain code can get here; never let it take the thread pool down.
            Activation.OnUnhandledException(e);
        }
    }

    /// <summary>A posted continuation, or (with no callback) a request to start.</summary>
    private readonly record struct WorkItem(SendOrPostCallback? Callback, object? State);
}
