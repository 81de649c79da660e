namespace OrderCluster.TestGrains;

/// <summary>Appends numbered events to the stream ("test", its own key) together with its state.</summary>
public interface IStreamProducerGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="count"/> events (values continue from the last); returns their sequence numbers.</summary>
    Task<IReadOnlyList<long>> AppendAsync(int count);

    [ReadOnly]
    Task<long> GetVersionAsync();
}

public sealed class ProducerState
{
    public int Appended { get; set; }
}

public sealed record NumberedEvent(int Value);

public sealed class StreamProducerGrain([PersistentState("producer")] IPersistentState<ProducerState> state) : Grain, IStreamProducerGrain
{
    public async Task<IReadOnlyList<long>> AppendAsync(int count)
    {
        var events = Enumerable.Range(state.State.Appended + 1, count)
            .Select(v => new StreamEventData(new StreamId("test", GetPrimaryKeyString()), "numbered", new NumberedEvent(v))).ToList();
        state.State.Appended += count;
        return await state.WriteStateAsync(events);
    }

    public Task<long> GetVersionAsync() => Task.FromResult(state.Version);
}

/// <summary>What a consumer saw of one stream: the last sequence it applied, and how many duplicates and gaps it met.</summary>
public sealed record StreamProgress(long LastSequence, int Duplicates, int Gaps, int Applied);

/// <summary>Consumes every "test" stream (one grain per stream) and records order, duplicates and gaps.</summary>
public interface IStreamRecorderGrain : IGrainWithStringKey, IStreamConsumer
{
    [ReadOnly]
    Task<StreamProgress> GetAsync();
}

public sealed class RecorderState
{
    public long LastSequence { get; set; }

    public int Duplicates { get; set; }

    public int Gaps { get; set; }

    public int Applied { get; set; }
}

[ImplicitStreamSubscription("test")]
public sealed class StreamRecorderGrain([PersistentState("recorder")] IPersistentState<RecorderState> state) : Grain, IStreamRecorderGrain
{
    public async Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        foreach (var e in batch.Events)
        {
            if (e.Sequence <= state.State.LastSequence) state.State.Duplicates++; // at least once: drop what was applied
            else
            {
                if (e.Sequence != state.State.LastSequence + 1) state.State.Gaps++;
                state.State.LastSequence = e.Sequence;
                state.State.Applied++;
            }
        }

        await state.WriteStateAsync();
    }

    public Task<StreamProgress> GetAsync() =>
        Task.FromResult(new StreamProgress(state.State.LastSequence, state.State.Duplicates, state.State.Gaps, state.State.Applied));
}

/// <summary>Consumes "poison" streams: an event whose payload says poison throws until the grain is healed.</summary>
public interface IPoisonConsumerGrain : IGrainWithStringKey, IStreamConsumer
{
    Task HealAsync();

    [ReadOnly]
    Task<IReadOnlyList<string>> GetHandledAsync();
}

public sealed record PoisonEvent(string Text);

[ImplicitStreamSubscription("poison")]
public sealed class PoisonConsumerGrain : Grain, IPoisonConsumerGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> Handled = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Healed = new();

    public Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        var handled = Handled.GetOrAdd(GetPrimaryKeyString(), _ => []);
        foreach (var e in batch.Events)
        {
            var text = e.Read(TestGrainsJsonContext.Default.PoisonEvent).Text;
            if (text == "poison" && !Healed.GetValueOrDefault(GetPrimaryKeyString()))
                throw new InvalidOperationException($"event {e.Sequence} of {e.Stream} is poison");
            var entry = $"{e.Sequence}:{text}";
            lock (handled)
                if (!handled.Contains(entry)) handled.Add(entry); // delivered at least once: apply once
        }

        return Task.CompletedTask;
    }

    public Task HealAsync()
    {
        Healed[GetPrimaryKeyString()] = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetHandledAsync()
    {
        var handled = Handled.GetOrAdd(GetPrimaryKeyString(), _ => []);
        lock (handled) return Task.FromResult<IReadOnlyList<string>>(handled.ToList());
    }
}

/// <summary>
/// Consumes "flaky" streams: each event fails with a <see cref="TimeoutException"/> (as when a call the consumer makes
/// cannot complete) as many times as its payload says, then is handled.
/// </summary>
public interface IFlakyConsumerGrain : IGrainWithStringKey, IStreamConsumer
{
    [ReadOnly]
    Task<IReadOnlyList<string>> GetHandledAsync();
}

public sealed record FlakyEvent(string Text, int Failures);

[ImplicitStreamSubscription("flaky")]
public sealed class FlakyConsumerGrain : Grain, IFlakyConsumerGrain
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Failed = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> Handled = new();

    public Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        var handled = Handled.GetOrAdd(GetPrimaryKeyString(), _ => []);
        foreach (var e in batch.Events)
        {
            var flaky = e.Read(TestGrainsJsonContext.Default.FlakyEvent);
            var key = $"{GetPrimaryKeyString()}/{e.Sequence}";
            if (Failed.GetOrAdd(key, 0) < flaky.Failures)
            {
                Failed.AddOrUpdate(key, 1, (_, n) => n + 1);
                throw new TimeoutException($"a call made for event {e.Sequence} of {e.Stream} did not complete");
            }

            lock (handled)
                if (!handled.Contains(flaky.Text)) handled.Add(flaky.Text);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetHandledAsync()
    {
        var handled = Handled.GetOrAdd(GetPrimaryKeyString(), _ => []);
        lock (handled) return Task.FromResult<IReadOnlyList<string>>(handled.ToList());
    }
}

/// <summary>Maps a ledger stream "tenant/account" to the tenant's projection grain.</summary>
public sealed class TenantKeyMapper : IStreamKeyMapper
{
    public string MapToGrainKey(StreamId stream) => stream.Key[..stream.Key.IndexOf('/')];
}

public sealed record LedgerEntry(decimal Amount);

/// <summary>A per-tenant projection of every account stream of the tenant: balance per account (sequence-deduplicated).</summary>
public interface ILedgerProjectionGrain : IGrainWithStringKey, IStreamConsumer
{
    [ReadOnly]
    Task<Dictionary<string, decimal>> GetBalancesAsync();

    /// <summary>Forgets everything (before a replay rebuilds it).</summary>
    Task ClearAsync();
}

public sealed class LedgerState
{
    public Dictionary<string, decimal> Balances { get; set; } = [];

    public Dictionary<string, long> LastSequences { get; set; } = [];
}

[ImplicitStreamSubscription("ledger", KeyMapper = typeof(TenantKeyMapper))]
public sealed class LedgerProjectionGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerProjectionGrain
{
    public async Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        foreach (var e in batch.Events)
        {
            if (e.Sequence <= state.State.LastSequences.GetValueOrDefault(e.Stream.Key)) continue;
            state.State.LastSequences[e.Stream.Key] = e.Sequence;
            state.State.Balances[e.Stream.Key] = state.State.Balances.GetValueOrDefault(e.Stream.Key) + e.Read(TestGrainsJsonContext.Default.LedgerEntry).Amount;
        }

        await state.WriteStateAsync();
    }

    public Task<Dictionary<string, decimal>> GetBalancesAsync() => Task.FromResult(new Dictionary<string, decimal>(state.State.Balances));

    public Task ClearAsync() => state.ClearStateAsync();
}
