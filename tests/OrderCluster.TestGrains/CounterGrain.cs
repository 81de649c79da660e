namespace OrderCluster.TestGrains;

/// <summary>A persisted counter.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);

    [ReadOnly]
    Task<int> GetAsync();

    [ReadOnly]
    Task<long> GetVersionAsync();

    /// <summary>Reloads state from storage (to observe what another writer stored).</summary>
    Task<int> ReloadAsync();

    Task ClearAsync();

    Task DeactivateAsync();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<int> AddAsync(int amount)
    {
        state.State.Value += amount;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task<long> GetVersionAsync() => Task.FromResult(state.Version);

    public async Task<int> ReloadAsync()
    {
        await state.ReadStateAsync();
        return state.State.Value;
    }

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>A reentrant counter: its writes overlap, so the runtime must serialize them per state.</summary>
public interface IReentrantCounterGrain : IGrainWithStringKey
{
    Task AddAsync(int amount);
}

[Reentrant]
public sealed class ReentrantCounterGrain([PersistentState("counter")] IPersistentState<CounterState> state)
    : Grain, IReentrantCounterGrain
{
    public async Task AddAsync(int amount)
    {
        state.State.Value += amount;
        await Task.Yield(); // let other calls in before this one writes
        await state.WriteStateAsync();
    }
}
