namespace OrderCluster.Runtime.Storage;

/// <summary>
/// Everything one grain commits at once: an optional state change, durable timer changes and stream events.
/// A provider applies all of it or none of it: if the state change loses its version race, the timer changes
/// and events are not applied either.
/// </summary>
public sealed record GrainWrite(GrainId GrainId, StateChange? State, IReadOnlyList<TimerChange> Timers)
{
    /// <summary>Events to append, in order (their streams' sequence numbers follow this order).</summary>
    public IReadOnlyList<StreamAppend> Events { get; init; } = [];

    public static GrainWrite ForState(GrainId grainId, StateChange state) => new(grainId, state, []);

    public static GrainWrite ForTimer(GrainId grainId, TimerChange timer) => new(grainId, null, [timer]);
}

/// <summary>
/// Writes (or, with a null payload, clears) state <paramref name="StateName"/> if the stored version
/// equals <paramref name="ExpectedVersion"/> (0: nothing stored yet). The committed version is
/// <c>ExpectedVersion + 1</c>. A cleared state keeps its row and version, so versions never repeat.
/// </summary>
public sealed record StateChange(string StateName, byte[]? Payload, long ExpectedVersion)
{
    public bool IsClear => Payload is null;
}

/// <summary>A change to one durable timer of the grain.</summary>
public abstract record TimerChange(string Name);

/// <summary>Creates the timer or moves it; its version increases and any lease on it is dropped.</summary>
public sealed record TimerUpsert(string Name, DateTimeOffset DueAt, TimeSpan? Period) : TimerChange(Name);

/// <summary>Removes the timer if it exists.</summary>
public sealed record TimerDelete(string Name) : TimerChange(Name);

/// <summary>
/// An event appended with a grain write. The store gives it the next sequence number of its stream and the next
/// position of its partition; positions follow commit order within a partition, so a reader that reads "after
/// position P" never skips an event committed later.
/// </summary>
public sealed record StreamAppend(StreamId Stream, int Partition, string EventType, string PayloadJson, DateTimeOffset CreatedAt);

/// <summary>The outcome of one <see cref="GrainWrite"/> in a batch.</summary>
/// <param name="Committed">False when the state change found another version.</param>
/// <param name="Version">The state version now stored: the new one on success, the one found on a conflict (null if unknown).</param>
/// <param name="Sequences">On success, the sequence number each of the write's events received, in order.</param>
public readonly record struct GrainWriteResult(bool Committed, long? Version, IReadOnlyList<long>? Sequences = null)
{
    public static GrainWriteResult Success(long version, IReadOnlyList<long>? sequences = null) => new(true, version, sequences);

    public static GrainWriteResult Conflict(long? storedVersion) => new(false, storedVersion);
}
