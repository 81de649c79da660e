namespace OrderCluster.GrainInterfaces.Samples;

/// <summary>A sample grain with durable timers: records every tick it receives, persisted.</summary>
public interface ISampleReminderGrain : IGrainWithStringKey, IRemindable
{
    Task ScheduleAsync(string name, DateTimeOffset dueAt, TimeSpan? period);

    Task CancelAsync(string name);

    [ReadOnly]
    Task<SampleReminderStatus> GetAsync();
}

public sealed record SampleTick(string Name, DateTimeOffset ScheduledAt, DateTimeOffset FiredAt);

public sealed record SampleReminderStatus(string Key, IReadOnlyList<DurableTimerInfo> Timers, IReadOnlyList<SampleTick> Ticks);
