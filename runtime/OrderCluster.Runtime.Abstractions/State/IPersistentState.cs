namespace OrderCluster.Runtime;

/// <summary>
/// A grain's persisted state: a JSON document with a version. A write returns only after it is
/// committed; a write that raced another writer throws <see cref="InconsistentStateException"/> and
/// the activation is deactivated, so the next call starts from the stored state.
/// </summary>
public interface IPersistentState<TState> where TState : new()
{
    /// <summary>The in-memory state. A new <typeparamref name="TState"/> when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>The stored version this state was read at or last written as; 0 when never written.</summary>
    long Version { get; }

    /// <summary>Whether a state document is stored (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; completes after commit.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the state and appends <paramref name="events"/> to their streams in the same transaction: no event without
    /// its state change, no state change without its events. Completes after commit; returns each event's sequence number.
    /// </summary>
    Task<IReadOnlyList<long>> WriteStateAsync(IReadOnlyList<StreamEventData> events, CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored document (the version keeps counting) and resets <see cref="State"/>.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
