namespace OrderCluster.TestGrains;

/// <summary>Registers durable timers and records every tick it receives in its persisted state.</summary>
public interface ITimerGrain : IGrainWithStringKey, IRemindable
{
    Task RegisterAsync(string name, DateTimeOffset dueAt, TimeSpan? period);

    Task UnregisterAsync(string name);

    [ReadOnly]
    Task<IReadOnlyList<DurableTimerInfo>> ListAsync();

    [ReadOnly]
    Task<IReadOnlyList<RecordedTick>> GetTicksAsync();

    /// <summary>Makes the next <paramref name="count"/> ticks throw.</summary>
    Task FailNextTicksAsync(int count);

    /// <summary>Stages a registration and a removal (either may be null) and commits them with a state write.</summary>
    Task StageWithStateWriteAsync(string? register, DateTimeOffset dueAt, string? unregister);
}

public sealed record RecordedTick(string Name, DateTimeOffset ScheduledAt, DateTimeOffset FiredAt);

public sealed class TimerState
{
    public List<RecordedTick> Ticks { get; set; } = [];

    public int FailuresToInject { get; set; }
}

public sealed class TimerGrain([PersistentState("ticks")] IPersistentState<TimerState> state) : Grain, ITimerGrain
{
    public Task RegisterAsync(string name, DateTimeOffset dueAt, TimeSpan? period) => RegisterOrUpdateTimerAsync(name, dueAt, period);

    public Task UnregisterAsync(string name) => UnregisterTimerAsync(name);

    public Task<IReadOnlyList<DurableTimerInfo>> ListAsync() => GrainContext.Timers.ListAsync();

    public Task<IReadOnlyList<RecordedTick>> GetTicksAsync() => Task.FromResult<IReadOnlyList<RecordedTick>>(state.State.Ticks.ToList());

    public async Task FailNextTicksAsync(int count)
    {
        state.State.FailuresToInject = count;
        await state.WriteStateAsync();
    }

    public async Task StageWithStateWriteAsync(string? register, DateTimeOffset dueAt, string? unregister)
    {
        if (register is not null) GrainContext.Timers.StageRegisterOrUpdate(register, dueAt);
        if (unregister is not null) GrainContext.Timers.StageUnregister(unregister);
        await state.WriteStateAsync();
    }

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (state.State.FailuresToInject > 0)
        {
            state.State.FailuresToInject--;
            await state.WriteStateAsync();
            throw new InvalidOperationException($"tick {tick.Name} fails on purpose");
        }

        state.State.Ticks.Add(new RecordedTick(tick.Name, tick.ScheduledAt, tick.FiredAt));
        await state.WriteStateAsync();
    }
}
