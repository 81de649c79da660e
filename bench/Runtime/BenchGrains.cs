using OrderCluster.Runtime;

namespace OrderCluster.Bench.Runtime;

/// <summary>A grain that answers at once: measures the call path.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<int> PingAsync(byte[] payload);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(byte[] payload) => Task.FromResult(payload.Length);
}

/// <summary>A grain that writes its state on every call: measures the state path.</summary>
public interface IWriterGrain : IGrainWithStringKey
{
    Task<long> WriteAsync(long value);

    [ReadOnly]
    Task<long> ReadAsync();
}

public sealed class WriterState
{
    public long Value { get; set; }
}

public sealed class WriterGrain([PersistentState("writer")] IPersistentState<WriterState> state) : Grain, IWriterGrain
{
    public async Task<long> WriteAsync(long value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
        return state.Version;
    }

    public Task<long> ReadAsync() => Task.FromResult(state.State.Value);
}
