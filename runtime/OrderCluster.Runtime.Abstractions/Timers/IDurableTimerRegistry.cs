namespace OrderCluster.Runtime;

/// <summary>Durable timers of one grain: persisted, and fired by whichever silo owns the grain.</summary>
public interface IDurableTimerRegistry
{
    /// <summary>Registers the timer, or moves it if it exists. Completes once persisted.</summary>
    Task RegisterOrUpdateAsync(string name, DateTimeOffset dueAt, TimeSpan? period = null);

    /// <summary>Registers the timer due after <paramref name="dueTime"/>, or moves it.</summary>
    Task RegisterOrUpdateAsync(string name, TimeSpan dueTime, TimeSpan? period = null);

    /// <summary>Removes the timer; no effect if it does not exist.</summary>
    Task UnregisterAsync(string name);

    /// <summary>The grain's registered timers.</summary>
    Task<IReadOnlyList<DurableTimerInfo>> ListAsync();

    /// <summary>
    /// Stages a registration (or move) to commit with this grain's next state write, in the same transaction:
    /// the state change and the timer change apply together or not at all.
    /// </summary>
    void StageRegisterOrUpdate(string name, DateTimeOffset dueAt, TimeSpan? period = null);

    /// <summary>Stages a removal to commit with this grain's next state write.</summary>
    void StageUnregister(string name);
}

/// <summary>A registered durable timer.</summary>
public sealed record DurableTimerInfo(string Name, DateTimeOffset DueAt, TimeSpan? Period);
