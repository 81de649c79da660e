using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Streams;

/// <summary>An event a group read and has not finished with: where it goes, how often it failed, when it may retry.</summary>
internal sealed class PendingEvent(StoredStreamEvent stored, GrainId target)
{
    public StoredStreamEvent Stored { get; } = stored;

    public GrainId Target { get; } = target;

    public StreamEvent ToEvent() => new(Stored.Stream, Stored.Sequence, Stored.EventType, Stored.PayloadJson, Stored.CreatedAt);

    public int Attempts { get; set; }

    public DateTimeOffset RetryAt { get; set; }

    public string? LastError { get; set; }

    public bool InFlight { get; set; }

    /// <summary>Handled, or dead-lettered: the cursor may pass it.</summary>
    public bool Done { get; set; }

    /// <summary>Failed its last allowed attempt: goes to the dead letters next.</summary>
    public bool Exhausted { get; set; }
}
