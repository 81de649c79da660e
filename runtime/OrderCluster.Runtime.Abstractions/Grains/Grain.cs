namespace OrderCluster.Runtime;

/// <summary>
/// Base class of grain implementations. A grain runs one request at a time (unless it is
/// <see cref="ReentrantAttribute"/> or the method interleaves); continuations after <c>await</c>
/// run inside the activation, so grain fields need no locks.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The runtime context of this activation.</summary>
    public IGrainContext GrainContext =>
        _context ?? throw new InvalidOperationException(
            "The grain context is not available in the constructor; use OnActivateAsync, or take IGrainContext as a constructor parameter.");

    /// <summary>This grain's id.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>Creates references to other grains.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The grain's string key.</summary>
    public string GetPrimaryKeyString() => GrainContext.GrainId.Key;

    /// <summary>Runs once per activation after state is loaded and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation goes away, after its last request.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this grain as soon as the current request completes.</summary>
    protected void DeactivateOnIdle() =>
        GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>
    /// Makes <paramref name="next"/> the state and writes it. A failed write puts the previous state back and deactivates
    /// this grain when the request ends: what storage holds is then unknown, so the next activation reads it afresh.
    /// </summary>
    protected async Task WriteStateOrReloadAsync<TState>(IPersistentState<TState> state, TState next) where TState : new()
    {
        var before = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Registers or moves the durable timer <paramref name="name"/>; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task RegisterOrUpdateTimerAsync(string name, TimeSpan dueTime, TimeSpan? period = null) =>
        GrainContext.Timers.RegisterOrUpdateAsync(name, dueTime, period);

    /// <summary>Registers or moves the durable timer <paramref name="name"/> to an absolute time.</summary>
    protected Task RegisterOrUpdateTimerAsync(string name, DateTimeOffset dueAt, TimeSpan? period = null) =>
        GrainContext.Timers.RegisterOrUpdateAsync(name, dueAt, period);

    /// <summary>Removes the durable timer <paramref name="name"/> if it exists.</summary>
    protected Task UnregisterTimerAsync(string name) => GrainContext.Timers.UnregisterAsync(name);

    internal void SetContext(IGrainContext context) => _context = context;
}
