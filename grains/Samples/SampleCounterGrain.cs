using OrderCluster.GrainInterfaces.Samples;

namespace OrderCluster.Grains.Samples;

public sealed class SampleCounterState
{
    public long Value { get; set; }
}

public sealed class SampleCounterGrain([PersistentState("counter")] IPersistentState<SampleCounterState> state)
    : Grain, ISampleCounterGrain
{
    public async Task<SampleCounter> IncrementAsync(int by)
    {
        state.State.Value += by;
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task<SampleCounter> GetAsync() => Task.FromResult(Snapshot());

    private SampleCounter Snapshot() => new(GetPrimaryKeyString(), state.State.Value, state.Version);
}
