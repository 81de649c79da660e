namespace OrderCluster.Runtime;

/// <summary>
/// Publishing without state: appends events to streams in one transaction (each stream's sequence numbers follow
/// commit order). A grain that changes state publishes with <see cref="IPersistentState{TState}.WriteStateAsync(IReadOnlyList{StreamEventData}, CancellationToken)"/>
/// instead, so that its state and its events commit together.
/// </summary>
public interface IStreamPublisher
{
    /// <summary>Appends the events; returns the sequence number each received, in order.</summary>
    Task<IReadOnlyList<long>> PublishAsync(IReadOnlyList<StreamEventData> events, CancellationToken cancellationToken = default);
}
