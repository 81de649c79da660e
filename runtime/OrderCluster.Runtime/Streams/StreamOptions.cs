namespace OrderCluster.Runtime.Streams;

/// <summary>Streams (configuration section <c>Streams</c>). Every default is documented.</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Streams";

    /// <summary>Queue partitions; each is pulled by one silo. Fixed for the life of a database. Default: 16.</summary>
    public int Partitions { get; set; } = 16;

    /// <summary>How often an idle partition is read (a local append wakes it at once). Default: 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Events read from a partition at a time. Default: 500.</summary>
    public int ReadBatchSize { get; set; } = 500;

    /// <summary>Most events in one delivery to one consumer grain. Default: 100.</summary>
    public int DeliveryBatchSize { get; set; } = 100;

    /// <summary>Events read ahead of a group's cursor and not yet handled, per partition, before reading pauses. Default: 5,000.</summary>
    public int MaxWindow { get; set; } = 5_000;

    /// <summary>Deliveries of one event before it goes to the dead letters. Default: 5.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>
    /// Deliveries of one event before it goes to the dead letters when it failed only because the cluster or the database
    /// could not complete the work then (a timeout, an unreachable silo, a call whose silo died, a database
    /// error; see TransientDeliveryFailures): such a failure says nothing about the event, so it is retried far longer than <see cref="MaxDeliveryAttempts"/>.
    /// Default: 100 (with the 30 s back-off cap, about 50 minutes).
    /// </summary>
    public int MaxTransientDeliveryAttempts { get; set; } = 100;

    /// <summary>Delay before the first redelivery; doubles per attempt. Default: 1 s.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between redeliveries. Default: 30 s.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often advanced cursors are saved. Default: 250 ms.</summary>
    public TimeSpan CursorSaveInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Handled events older than this are deleted. Default: 7 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often retention runs. Default: 5 min.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(5);
}
