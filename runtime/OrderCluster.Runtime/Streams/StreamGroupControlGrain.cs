namespace OrderCluster.Runtime.Streams;

/// <summary>
/// The coordination point of one consumer group across silos: a reset (replay) raises the group's epoch and records
/// the positions it moves partitions to; the silo pulling each partition applies the reset once and acknowledges it,
/// also when partition ownership moved in between.
/// </summary>
internal interface IStreamGroupControlGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<long> GetEpochAsync();

    [ReadOnly]
    Task<StreamGroupReset> GetResetAsync();

    Task<long> ResetAsync(Dictionary<int, long> positions);

    Task AcknowledgeAsync(int partition, long epoch);
}

/// <summary>The latest reset of a group: its epoch, the positions it set, and the partitions that applied it.</summary>
internal sealed record StreamGroupReset(long Epoch, Dictionary<int, long> Positions, List<int> Acknowledged)
{
    public bool Pending(int partition) => Positions.ContainsKey(partition) && !Acknowledged.Contains(partition);
}

internal sealed class StreamGroupControlState
{
    public long Epoch { get; set; }

    public Dictionary<int, long> Positions { get; set; } = [];

    public List<int> Acknowledged { get; set; } = [];
}

[GrainType("stream-group-control")]
internal sealed class StreamGroupControlGrain([PersistentState("control")] IPersistentState<StreamGroupControlState> state)
    : Grain, IStreamGroupControlGrain
{
    public Task<long> GetEpochAsync() => Task.FromResult(state.State.Epoch);

    public Task<StreamGroupReset> GetResetAsync() =>
        Task.FromResult(new StreamGroupReset(state.State.Epoch, new(state.State.Positions), [.. state.State.Acknowledged]));

    public async Task<long> ResetAsync(Dictionary<int, long> positions)
    {
        state.State.Epoch++;
        state.State.Positions = new(positions);
        state.State.Acknowledged = [];
        await state.WriteStateAsync();
        return state.State.Epoch;
    }

    public async Task AcknowledgeAsync(int partition, long epoch)
    {
        if (epoch != state.State.Epoch || state.State.Acknowledged.Contains(partition)) return;
        state.State.Acknowledged.Add(partition);
        await state.WriteStateAsync();
    }
}
