using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Observability;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Timers;

namespace OrderCluster.Runtime.State;

/// <summary>
/// One named state of one activation. Writes are serialized per state (a reentrant grain may call
/// WriteStateAsync concurrently: a later write waits for the one in flight); each write carries the
/// version it was read at, and a conflict deactivates the activation so its next call reloads.
/// </summary>
internal sealed class PersistentState<TState>(ActivationData owner, string stateName, GrainRuntime runtime)
    : IPersistentState<TState>, IActivationState where TState : new()
{
    private Task<IReadOnlyList<long>>? _writeInFlight;
    private JsonTypeInfo<TState>? _typeInfo;

    public string StateName => stateName;

    public TState State { get; set; } = new();

    public long Version { get; private set; }

    public bool RecordExists { get; private set; }

    private JsonTypeInfo<TState> TypeInfo => _typeInfo ??= (JsonTypeInfo<TState>)runtime.JsonOptions.GetTypeInfo(typeof(TState));

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        StoredGrainState? stored;
        try
        {
            stored = await runtime.StateStore.ReadStateAsync(owner.GrainId, stateName, cancellationToken);
        }
        catch
        {
            runtime.Metrics.StorageOperation("read", started, 0, failed: true);
            throw;
        }

        runtime.Metrics.StorageOperation("read", started, 0, failed: false);
        Version = stored?.Version ?? 0;
        RecordExists = stored?.Payload is not null;
        State = stored?.Payload is { } payload ? JsonSerializer.Deserialize(payload, TypeInfo) ?? new TState() : new TState();
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        await CommitAsync(JsonSerializer.SerializeToUtf8Bytes(State, TypeInfo), [], cancellationToken);

    public async Task<IReadOnlyList<long>> WriteStateAsync(IReadOnlyList<StreamEventData> events, CancellationToken cancellationToken = default) =>
        await CommitAsync(JsonSerializer.SerializeToUtf8Bytes(State, TypeInfo), runtime.StreamAppends(events), cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await CommitAsync(null, [], cancellationToken);
        State = new TState();
    }

    private async Task<IReadOnlyList<long>> CommitAsync(byte[]? payload, IReadOnlyList<StreamAppend> events, CancellationToken cancellationToken)
    {
        // Grain code runs one piece at a time, so this check-then-set cannot race. A finished write is never
        // waited for again (its own cleanup may not have run yet).
        while (_writeInFlight is { IsCompleted: false } previous)
        {
            try
            {
                await previous.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // the earlier write's failure belongs to its caller
            }
        }

        var write = CommitNowAsync(payload, events);
        _writeInFlight = write;
        try
        {
            return await write;
        }
        finally
        {
            if (ReferenceEquals(_writeInFlight, write)) _writeInFlight = null;
        }
    }

    private async Task<IReadOnlyList<long>> CommitNowAsync(byte[]? payload, IReadOnlyList<StreamAppend> events)
    {
        var change = new StateChange(stateName, payload, Version);
        var registry = (DurableTimerRegistry)owner.Timers;
        var timers = registry.TakeStaged();
        GrainWriteResult result;
        try
        {
            result = await runtime.Writes.CommitAsync(new GrainWrite(owner.GrainId, change, timers) { Events = events });
        }
        catch
        {
            registry.Restage(timers); // the write did not happen: the next one carries them
            throw;
        }

        if (!result.Committed)
        {
            runtime.Metrics.StateConflict(owner.GrainId.Type);
            RuntimeLog.StateConflict(runtime.Logger, owner.GrainId, stateName);
            owner.Deactivate(new DeactivationReason(DeactivationReasonCode.StateConflict, $"state '{stateName}' version conflict"));
            throw new InconsistentStateException(owner.GrainId, stateName, Version, result.Version);
        }

        Version = result.Version!.Value;
        RecordExists = payload is not null;
        if (events.Count > 0) runtime.StreamsAppended(events);
        return result.Sequences ?? [];
    }
}
