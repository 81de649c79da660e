namespace OrderCluster.Runtime;

/// <summary>
/// A grain that receives durable timer ticks. Ticks are delivered at least once: a tick is
/// acknowledged only after this method returns, and a tick missed while the cluster was down is
/// delivered late, once, carrying its scheduled time.
/// </summary>
public interface IRemindable : IGrain
{
    Task ReceiveTimerAsync(DurableTimerTick tick);
}

/// <summary>One delivery of a durable timer.</summary>
/// <param name="Name">The timer's name within its grain.</param>
/// <param name="ScheduledAt">When the tick was due.</param>
/// <param name="FiredAt">When it was delivered (later than <paramref name="ScheduledAt"/> after an outage).</param>
/// <param name="Period">The period of a repeating timer; null for a one-shot timer.</param>
public sealed record DurableTimerTick(string Name, DateTimeOffset ScheduledAt, DateTimeOffset FiredAt, TimeSpan? Period)
{
    /// <summary>How late the delivery was.</summary>
    public TimeSpan Lateness => FiredAt - ScheduledAt;
}
