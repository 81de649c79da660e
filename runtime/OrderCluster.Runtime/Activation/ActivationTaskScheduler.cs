namespace OrderCluster.Runtime.Activation;

/// <summary>
/// Runs one activation's tasks one at a time on the shared thread pool (no thread per grain).
/// Grain code awaits without ConfigureAwait, so its continuations come back here: that is what makes
/// a grain single-threaded. A busy activation yields its thread after a batch of tasks.
/// Kept small on purpose: every idle activation owns one.
/// </summary>
internal sealed class ActivationTaskScheduler(ActivationData activation) : TaskScheduler, IThreadPoolWorkItem
{
    private const int MaxTasksPerTurn = 64;

    private readonly Queue<Task> _tasks = new();
    private bool _scheduled;

    public ActivationData Activation { get; } = activation;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        lock (_tasks)
        {
            _tasks.Enqueue(task);
            if (_scheduled) return;
            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute()
    {
        for (var i = 0; i < MaxTasksPerTurn; i++)
        {
            Task? task;
            lock (_tasks)
            {
                if (!_tasks.TryDequeue(out task))
                {
                    _scheduled = false;
                    return;
                }
            }

            TryExecuteTask(task);
        }

        // Yield the thread to other work; we are still marked scheduled, so nobody else runs our tasks.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // Never inline: a task run on a foreign thread could overlap with this activation's turn.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_tasks) return _tasks.ToArray();
    }
}
