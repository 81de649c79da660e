using OrderCluster.GrainInterfaces.Samples;

namespace OrderCluster.Grains.Samples;

public sealed class SampleReminderState
{
    public List<SampleTick> Ticks { get; set; } = [];
}

public sealed class SampleReminderGrain([PersistentState("reminders")] IPersistentState<SampleReminderState> state)
    : Grain, ISampleReminderGrain
{
    /// <summary>Ticks kept per grain; older ones are dropped.</summary>
    private const int MaxTicks = 1000;

    public Task ScheduleAsync(string name, DateTimeOffset dueAt, TimeSpan? period) => RegisterOrUpdateTimerAsync(name, dueAt, period);

    public Task CancelAsync(string name) => UnregisterTimerAsync(name);

    public async Task<SampleReminderStatus> GetAsync() =>
        new(GetPrimaryKeyString(), await GrainContext.Timers.ListAsync(), state.State.Ticks.ToList());

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        state.State.Ticks.Add(new SampleTick(tick.Name, tick.ScheduledAt, tick.FiredAt));
        if (state.State.Ticks.Count > MaxTicks) state.State.Ticks.RemoveRange(0, state.State.Ticks.Count - MaxTicks);
        await state.WriteStateAsync();
    }
}
