using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Messaging;
using OrderCluster.Runtime.Observability;
using OrderCluster.Runtime.State;
using OrderCluster.Runtime.Timers;

namespace OrderCluster.Runtime.Activation;

/// <summary>
/// One activation of a grain: its mailbox, its turn-based request pump and its life cycle.
/// Requests run one at a time unless the grain is reentrant or the methods interleave
/// (read-only with read-only, always-interleave with anything). All mutable fields are guarded by
/// <see cref="_lock"/>; grain code runs on <see cref="WorkQueue"/>.
/// </summary>
internal sealed class ActivationData : IGrainContext
{
    private static readonly SendOrPostCallback ActivateCallback = static s => _ = ((ActivationData)s!).ActivateAsync();

    private static readonly SendOrPostCallback DeactivateCallback = static s => _ = ((ActivationData)s!).DeactivateAsync();

    // The monitor of an object every activation already has (no separate lock object per activation).
    private readonly object _lock;
    private readonly GrainRuntime _runtime;
    private Queue<GrainRequest>? _waiting;
    private GrainRequest? _runningFirst;
    private List<GrainRequest>? _runningMore;
    private IActivationState? _state;
    private List<IActivationState>? _moreStates;
    private ActivationStatus _status = ActivationStatus.Activating;
    private int _running;
    private int _runningWriters;
    private DeactivationReason? _pendingDeactivation;
    private TaskCompletionSource? _deactivated;
    private bool _activeSinceCollectorLooked = true;
    private long _idleSinceTimestamp;
    private Grain? _grain;
    private DurableTimerRegistry? _timers;

    public ActivationData(GrainId grainId, Grains.GrainClassInfo grainClass, GrainRuntime runtime)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        _runtime = runtime;
        WorkQueue = new ActivationWorkQueue(this);
        _lock = WorkQueue.ActivationLock;
    }

    public GrainId GrainId { get; }

    public Grains.GrainClassInfo GrainClass { get; }

    public ActivationWorkQueue WorkQueue { get; }

    public object? GrainInstance => _grain;

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public IServiceProvider Services => _runtime.Services;

    public IDurableTimerRegistry Timers => _timers ??= new DurableTimerRegistry(this, _runtime);

    public ActivationStatus Status
    {
        get
        {
            lock (_lock) return _status;
        }
    }

    /// <summary>Requests waiting for their turn.</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock) return _waiting?.Count ?? 0;
        }
    }

    public IPersistentState<TState> GetPersistentState<TState>(string stateName) where TState : new()
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        lock (_lock)
        {
            if (_status != ActivationStatus.Activating || _grain is not null)
                throw new InvalidOperationException($"{GrainId}: persistent state must be requested while the grain is constructed.");
            if (States.Any(s => s.StateName == stateName))
                throw new InvalidOperationException($"{GrainId}: persistent state '{stateName}' is requested twice.");
            var state = new PersistentState<TState>(this, stateName, _runtime);
            if (_state is null) _state = state;
            else (_moreStates ??= []).Add(state);
            return state;
        }
    }

    private IEnumerable<IActivationState> States =>
        _state is null ? [] : _moreStates is null ? [_state] : _moreStates.Prepend(_state);

    /// <summary>Starts construction and activation on the grain's work queue (called once, by the catalog).</summary>
    public void StartActivation() => WorkQueue.Post(ActivateCallback, this);

    /// <summary>Accepts a request; false when this activation is gone and the request must go to a new one.</summary>
    public bool TryEnqueue(GrainRequest request)
    {
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid) return false;
            var queueEmpty = _waiting is null || _waiting.Count == 0;
            if (_status == ActivationStatus.Valid && _pendingDeactivation is null
                && (queueEmpty || request.Method.AlwaysInterleave) && CanStartLocked(request))
            {
                StartLocked(request);
            }
            else
            {
                request.HasWaited = true;
                (_waiting ??= new Queue<GrainRequest>()).Enqueue(request);
            }

            return true;
        }
    }

    public void Deactivate(DeactivationReason reason)
    {
        lock (_lock) RequestDeactivationLocked(reason);
    }

    /// <summary>Deactivates and completes when the activation is gone.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid) return Task.CompletedTask;
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            RequestDeactivationLocked(reason);
            return _deactivated.Task;
        }
    }

    /// <summary>
    /// Called by the collector every quantum: deactivates if nothing ran since it last looked and the
    /// activation has been idle for <paramref name="age"/> (so idleness is measured in quanta, and no clock
    /// is read on the call path).
    /// </summary>
    public bool TryDeactivateIfIdle(TimeSpan age)
    {
        lock (_lock)
        {
            if (_status != ActivationStatus.Valid || _running > 0 || _waiting is { Count: > 0 } || _pendingDeactivation is not null)
                return false;
            if (_activeSinceCollectorLooked)
            {
                _activeSinceCollectorLooked = false;
                _idleSinceTimestamp = _runtime.TimeProvider.GetTimestamp();
                return false;
            }

            if (_runtime.TimeProvider.GetElapsedTime(_idleSinceTimestamp) < age) return false;
            RequestDeactivationLocked(new DeactivationReason(DeactivationReasonCode.IdleCollection, $"idle for {age} or more"));
            return true;
        }
    }

    /// <summary>
    /// The waiting and running calls whose deadline passed and whose callers still wait. A late waiting call is
    /// also skipped when its turn comes; a late running call keeps running (it cannot be stopped).
    /// </summary>
    public List<GrainRequest> TakeExpiredCalls(long now)
    {
        var expired = new List<GrainRequest>();
        if (Volatile.Read(ref _running) == 0 && (_status == ActivationStatus.Valid && _waiting is not { Count: > 0 })) return expired;
        lock (_lock)
        {
            if (_runningFirst is { } first && IsLate(first, now)) expired.Add(first);
            if (_runningMore is not null) expired.AddRange(_runningMore.Where(r => IsLate(r, now)));
            if (_waiting is not null) expired.AddRange(_waiting.Where(r => IsLate(r, now)));
        }

        return expired;
    }

    private static bool IsLate(GrainRequest request, long now) => now >= request.DeadlineTimestamp && !request.IsCallerCompleted;

    internal void OnUnhandledException(Exception exception) => RuntimeLog.UnhandledGrainException(_runtime.Logger, exception, GrainId);

    private bool CanStartLocked(GrainRequest request) =>
        _running == 0 || GrainClass.IsReentrant || request.Method.AlwaysInterleave
        || (request.Method.IsReadOnly && _runningWriters == 0);

    private void StartLocked(GrainRequest request)
    {
        if (_runningFirst is null) _runningFirst = request;
        else (_runningMore ??= []).Add(request);
        _running++;
        if (!request.Method.IsReadOnly) _runningWriters++;
        WorkQueue.EnqueueRequest(request);
    }

    private void PumpLocked()
    {
        while (_status == ActivationStatus.Valid && _pendingDeactivation is null
               && _waiting is { Count: > 0 } && CanStartLocked(_waiting.Peek()))
        {
            StartLocked(_waiting.Dequeue());
        }

        // Most activations wait only while they activate: do not keep an empty queue per idle grain.
        if (_waiting is { Count: 0 }) _waiting = null;
    }

    /// <summary>Runs a request on the work queue (inside the activation).</summary>
    internal void RunRequest(GrainRequest request)
    {
        // Only a request that waited can have outlived its deadline before starting.
        if (request.HasWaited && _runtime.TimeProvider.GetTimestamp() >= request.DeadlineTimestamp)
        {
            // The caller has stopped waiting (or is about to): running it now could only surprise it.
            ReleaseTurn(request);
            using (OutsideActivation()) request.TryFail(CallDeadlines.TimeoutFor(request));
            return;
        }

        var pending = request.InvokeAsync(_grain!);
        if (pending.IsCompletedSuccessfully) OnRequestFinished(request);
        else _ = AwaitRequestAsync(pending, request);
    }

    private async Task AwaitRequestAsync(ValueTask pending, GrainRequest request)
    {
        await pending;
        OnRequestFinished(request);
    }

    private void OnRequestFinished(GrainRequest request)
    {
        _runtime.Metrics.CallCompleted(GrainId.Type, request.Method, request.SentTimestamp, request.OutcomeException);
        _runtime.Catalog.RecentCalls.Record(GrainId, request.Method, request.SentTimestamp, request.OutcomeException); // dashboard: recent calls
        // End the turn before the caller hears back: a caller that sees its result sees an idle activation.
        // The next turn cannot overlap this one: it is queued behind the item running now.
        ReleaseTurn(request);
        using (OutsideActivation()) request.CompleteFromOutcome(_runtime.JsonOptions);
    }

    private void ReleaseTurn(GrainRequest request)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_runningFirst, request)) _runningFirst = null;
            else _runningMore?.Remove(request);
            _running--;
            if (!request.Method.IsReadOnly) _runningWriters--;
            _activeSinceCollectorLooked = true;
            if (_running > 0) return;
            if (_pendingDeactivation is { } reason && _status == ActivationStatus.Valid) BeginDeactivationLocked(reason);
            else PumpLocked();
        }
    }

    /// <summary>
    /// Completes callers outside the grain's context: a caller that is not a grain continues inline (no thread
    /// hop), and must never find itself running inside this activation.
    /// </summary>
    private static ContextSuppression OutsideActivation() => new(SynchronizationContext.Current);

    private void RequestDeactivationLocked(DeactivationReason reason)
    {
        if (_status is ActivationStatus.Invalid or ActivationStatus.Deactivating || _pendingDeactivation is not null) return;
        _pendingDeactivation = reason;
        if (_status == ActivationStatus.Valid && _running == 0) BeginDeactivationLocked(reason);
        // Otherwise: when activation or the running requests finish.
    }

    private void BeginDeactivationLocked(DeactivationReason reason)
    {
        _status = ActivationStatus.Deactivating;
        WorkQueue.Post(DeactivateCallback, this);
    }

    private async Task ActivateAsync()
    {
        try
        {
            var grain = GrainClass.Registration.Factory(_runtime.Services, this);
            grain.SetContext(this);
            lock (_lock) _grain = grain;
            foreach (var state in States) await state.LoadAsync(_runtime.StoppingToken);
            await grain.OnActivateAsync(_runtime.StoppingToken);
        }
        catch (Exception e)
        {
            RuntimeLog.ActivationFailed(_runtime.Logger, e, GrainId);
            _runtime.Metrics.ActivationFailed(GrainId.Type);
            Discard(new GrainActivationException(GrainId, e));
            return;
        }

        lock (_lock)
        {
            _status = ActivationStatus.Valid;
            if (_pendingDeactivation is { } reason) BeginDeactivationLocked(reason);
            else PumpLocked();
        }
    }

    private async Task DeactivateAsync()
    {
        var reason = _pendingDeactivation!.Value;
        try
        {
            await _grain!.OnDeactivateAsync(reason, _runtime.StoppingToken);
        }
        catch (Exception e)
        {
            RuntimeLog.DeactivationFailed(_runtime.Logger, e, GrainId, reason);
        }

        _runtime.Metrics.Deactivated(GrainId.Type, reason.Code);
        var leftovers = Discard(failure: null);
        using (OutsideActivation())
            foreach (var request in leftovers)
                _runtime.Router.Reroute(request);
    }

    /// <summary>Leaves the catalog for good; returns the requests that were still waiting (or fails them).</summary>
    private List<GrainRequest> Discard(Exception? failure)
    {
        List<GrainRequest> leftovers;
        TaskCompletionSource? deactivated;
        lock (_lock)
        {
            // Leave the catalog before turning Invalid, so a caller that sees Invalid finds no stale entry.
            _runtime.Catalog.Remove(this);
            _status = ActivationStatus.Invalid;
            leftovers = _waiting is null ? [] : [.. _waiting];
            _waiting = null;
            deactivated = _deactivated;
        }

        deactivated?.TrySetResult();
        if (failure is null) return leftovers;
        using (OutsideActivation())
        {
            foreach (var request in leftovers) request.TryFail(failure);
        }

        return [];
    }

    public override string ToString() => $"[Activation {GrainId} {Status}]";

    /// <summary>Clears the current synchronization context until disposed.</summary>
    private readonly struct ContextSuppression : IDisposable
    {
        private readonly SynchronizationContext? _previous;

        public ContextSuppression(SynchronizationContext? previous)
        {
            _previous = previous;
            if (previous is not null) SynchronizationContext.SetSynchronizationContext(null);
        }

        public void Dispose()
        {
            if (_previous is not null) SynchronizationContext.SetSynchronizationContext(_previous);
        }
    }
}
