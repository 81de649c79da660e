using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Timers;

/// <summary>The durable timers of one activation: changes are committed (group-committed) before the call returns.</summary>
internal sealed class DurableTimerRegistry(ActivationData owner, GrainRuntime runtime) : IDurableTimerRegistry
{
    private List<TimerChange>? _staged;

    /// <summary>Longest timer name accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Shortest period of a repeating timer: durable timers have second-level granularity.</summary>
    public static readonly TimeSpan MinPeriod = TimeSpan.FromSeconds(1);

    public Task RegisterOrUpdateAsync(string name, TimeSpan dueTime, TimeSpan? period = null) =>
        RegisterOrUpdateAsync(name, runtime.TimeProvider.GetUtcNow() + dueTime, period);

    public async Task RegisterOrUpdateAsync(string name, DateTimeOffset dueAt, TimeSpan? period = null) =>
        await runtime.Writes.CommitAsync(GrainWrite.ForTimer(owner.GrainId, Upsert(name, dueAt, period)));

    public async Task UnregisterAsync(string name) =>
        await runtime.Writes.CommitAsync(GrainWrite.ForTimer(owner.GrainId, Delete(name)));

    public void StageRegisterOrUpdate(string name, DateTimeOffset dueAt, TimeSpan? period = null) =>
        (_staged ??= []).Add(Upsert(name, dueAt, period));

    public void StageUnregister(string name) => (_staged ??= []).Add(Delete(name));

    /// <summary>The staged changes, handed to the state write that commits them (and no longer staged).</summary>
    internal IReadOnlyList<TimerChange> TakeStaged()
    {
        var staged = _staged;
        _staged = null;
        return staged ?? [];
    }

    /// <summary>Puts changes back after the write that carried them failed, so the next write tries them again.</summary>
    internal void Restage(IReadOnlyList<TimerChange> changes)
    {
        if (changes.Count > 0) (_staged ??= []).InsertRange(0, changes);
    }

    private TimerUpsert Upsert(string name, DateTimeOffset dueAt, TimeSpan? period)
    {
        ValidateName(name);
        if (period is { } p && p < MinPeriod)
            throw new ArgumentOutOfRangeException(nameof(period), p, $"A durable timer period must be at least {MinPeriod}.");
        if (owner.GrainInstance is not IRemindable)
            throw new InvalidOperationException($"{owner.GrainId} registers durable timer '{name}' but its class does not implement IRemindable.");
        return new TimerUpsert(name, TruncateToMilliseconds(dueAt), period);
    }

    private static TimerDelete Delete(string name)
    {
        ValidateName(name);
        return new TimerDelete(name);
    }

    public async Task<IReadOnlyList<DurableTimerInfo>> ListAsync()
    {
        var timers = await runtime.TimerStore.ListAsync(owner.GrainId, runtime.StoppingToken);
        return timers.Select(t => new DurableTimerInfo(t.Name, t.DueAt, t.Period)).ToList();
    }

    /// <summary>Every provider stores milliseconds; truncating here makes all of them round-trip exactly.</summary>
    internal static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength)
            throw new ArgumentException($"A durable timer name has at most {MaxNameLength} characters.", nameof(name));
    }
}
