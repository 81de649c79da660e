using System.Collections.Concurrent;

namespace OrderCluster.TestGrains;

/// <summary>A domain error with a custom type, to check that callers see the grain's exception type.</summary>
public sealed class OrderRuleException(string message) : Exception(message);

/// <summary>Grains that misbehave in specific ways.</summary>
public interface IBehaviourGrain : IGrainWithStringKey
{
    Task ThrowAsync(string message);

    Task<string> SlowAsync(int milliseconds);

    [ResponseTimeout(0.2)]
    Task<string> SlowWithShortDeadlineAsync(int milliseconds);

    /// <summary>Mutates the list it was given and keeps it; returns a list it also keeps.</summary>
    Task<List<int>> MutateAsync(List<int> numbers);

    [ReadOnly]
    Task<List<int>> GetKeptAsync();

    Task<byte[]> EchoAsync(byte[] payload);

    /// <summary>Calls another grain (a grain-to-grain call).</summary>
    Task<int> ForwardAddAsync(string counterKey, int amount);

    /// <summary>Calls itself: a non-reentrant grain waits for its own turn.</summary>
    Task<string> CallSelfAsync();
}

public sealed class BehaviourGrain : Grain, IBehaviourGrain
{
    private List<int> _kept = [];
    private List<int> _returned = [];

    public Task ThrowAsync(string message) => throw new OrderRuleException(message);

    public async Task<string> SlowAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return "done";
    }

    public Task<string> SlowWithShortDeadlineAsync(int milliseconds) => SlowAsync(milliseconds);

    public Task<List<int>> MutateAsync(List<int> numbers)
    {
        numbers.Add(-1);
        _kept = numbers;
        _returned = [.. numbers];
        return Task.FromResult(_returned);
    }

    public Task<List<int>> GetKeptAsync() => Task.FromResult(_kept.Concat(_returned).ToList());

    public Task<byte[]> EchoAsync(byte[] payload) => Task.FromResult(payload);

    public Task<int> ForwardAddAsync(string counterKey, int amount) =>
        GrainFactory.GetGrain<ICounterGrain>(counterKey).AddAsync(amount);

    public Task<string> CallSelfAsync() => GrainFactory.GetGrain<IBehaviourGrain>(GetPrimaryKeyString()).SlowAsync(0);
}

/// <summary>Fails OnActivateAsync as many times as its key says ("fail-2" fails twice).</summary>
public interface IFlakyActivationGrain : IGrainWithStringKey
{
    Task<int> PingAsync();
}

public sealed class FlakyActivationGrain : Grain, IFlakyActivationGrain
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = GetPrimaryKeyString();
        var failures = int.Parse(key[(key.LastIndexOf('-') + 1)..]);
        var attempt = Attempts.AddOrUpdate(key, 1, (_, a) => a + 1);
        if (attempt <= failures) throw new InvalidOperationException($"activation attempt {attempt} of {key} fails on purpose");
        return Task.CompletedTask;
    }

    public Task<int> PingAsync() => Task.FromResult(Attempts[GetPrimaryKeyString()]);
}

/// <summary>Counts its activations and deactivations in a shared journal (a test-only singleton).</summary>
public interface ILifecycleGrain : IGrainWithStringKey
{
    Task TouchAsync();
}

public sealed class LifecycleJournal
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyCollection<string> Events => _events;

    public void Add(string entry) => _events.Enqueue(entry);
}

[CollectionAgeLimit(2)]
public sealed class LifecycleGrain(LifecycleJournal journal) : Grain, ILifecycleGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Add($"activate {GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"deactivate {GetPrimaryKeyString()} {reason.Code}");
        return Task.CompletedTask;
    }

    public Task TouchAsync() => Task.CompletedTask;
}

/// <summary>Writes a state the (test) store rejects.</summary>
public interface IPoisonWriterGrain : IGrainWithStringKey
{
    Task ActivateAsync();

    Task WritePoisonAsync();
}

public sealed class PoisonState
{
    public string Text { get; set; } = "";
}

public sealed class PoisonWriterGrain([PersistentState("poison")] IPersistentState<PoisonState> state) : Grain, IPoisonWriterGrain
{
    public Task ActivateAsync() => Task.CompletedTask;

    public Task WritePoisonAsync()
    {
        state.State.Text = "poison";
        return state.WriteStateAsync();
    }
}
