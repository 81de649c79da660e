using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Cluster.Transport;
using OrderCluster.Runtime.Cluster.Transport.Wire;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Messaging;
using OrderCluster.Runtime.Observability;
using OrderCluster.Runtime.Placement;
using OrderCluster.Runtime.State;

namespace OrderCluster.Runtime.Cluster.Messaging;

/// <summary>
/// Sends calls (and probes) to other silos and matches their answers. Arguments are serialized at once, in the
/// caller's thread, so later changes to the caller's objects cannot leak into the call. A call that never left, or
/// that its target refused without running it, is sent again (to the owner the ring names then) a bounded number of
/// times; a call that left and gets no answer fails at its deadline (TimeoutException) or when its target is
/// declared dead (<see cref="GrainCallOutcomeUnknownException"/>), never by a silent retry.
/// </summary>
internal sealed class RemoteCallSender : IRemoteCallSender
{
    private static readonly TimeSpan ResendDelay = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<long, PendingOperation> _pending = new();
    private readonly ConnectionManager _connections;
    private readonly GrainJsonOptions _json;
    private readonly TimeProvider _time;
    private readonly ClusterOptions _options;
    private readonly MessageRouter _router;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _resent;
    private long _nextId;

    private readonly Membership.ClusterView _view;

    public RemoteCallSender(ConnectionManager connections, GrainJsonOptions json, TimeProvider time, IOptions<ClusterOptions> options,
        MessageRouter router, RuntimeMetrics metrics, Membership.ClusterView view)
    {
        _view = view;
        _connections = connections;
        _json = json;
        _time = time;
        _options = options.Value;
        _router = router;
        _sent = metrics.Meter.CreateCounter<long>("ordercluster.remote.calls", "{call}", "Grain calls sent to other silos.");
        _resent = metrics.Meter.CreateCounter<long>("ordercluster.remote.resends", "{call}", "Calls sent again after being refused unrun.");
        metrics.Meter.CreateObservableGauge("ordercluster.remote.pending", () => (long)_pending.Count, "{call}",
            "Calls and probes sent to other silos and not answered yet.");
    }

    public int PendingCount => _pending.Count;

    public void Send(SiloAddress target, GrainRequest request)
    {
        // A stopping silo relays nothing: the answer could arrive after it left. Its caller resends to the owner.
        if (request.Route is not null && _view.IsLeaving)
            throw new SiloUnavailableException($"Silo {_view.LocalSilo} is stopping and does not pass calls on; send {request.Target} to its owner.");

        var id = Interlocked.Increment(ref _nextId);
        var remaining = (request.DeadlineTimestamp - _time.GetTimestamp()) * 1000.0 / _time.TimestampFrequency;
        var header = new Envelope
        {
            Kind = MessageKind.Request,
            CorrelationId = id,
            TargetType = request.Target.Type,
            TargetKey = request.Target.Key,
            MethodId = request.Method.Id,
            TimeoutMs = (uint)Math.Clamp(remaining, 1, uint.MaxValue),
            ForwardCount = request.ForwardCount,
        };
        var frame = FrameCodec.Encode(header, (request, _json.Options), static (writer, s) => s.request.WriteArguments(writer, s.Options), id);
        _pending[id] = new PendingCall(request, target, this, _json.Options);
        if (_connections.TrySend(target, frame))
        {
            _sent.Add(1);
            return;
        }

        frame.Release();
        _pending.TryRemove(id, out _);
        throw new SiloUnavailableException($"Silo {target} cannot be reached now (connecting failed or its queue is full); the call was not sent.");
    }

    /// <summary>Probes <paramref name="target"/>: true when it answered within <paramref name="timeout"/>.</summary>
    public Task<bool> PingAsync(SiloAddress target, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var ping = new PendingPing(target, _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency));
        _pending[id] = ping;
        var frame = FrameCodec.Encode(new Envelope { Kind = MessageKind.Ping, CorrelationId = id }, id);
        if (!_connections.TrySend(target, frame))
        {
            frame.Release();
            _pending.TryRemove(id, out _);
            return Task.FromResult(false);
        }

        return ping.Answered;
    }

    public void OnResponse(Envelope header, ReadOnlySequence<byte> body)
    {
        if (_pending.TryRemove(header.CorrelationId, out var operation)) operation.OnResponse(header, body);
        // else: late (it timed out) or for a silo run that is gone
    }

    public void OnUnsent(long id, Exception reason)
    {
        if (id != 0 && _pending.TryRemove(id, out var operation)) operation.OnUnsent(reason);
    }

    /// <summary>Sends again, a little later, a call that did not run; gives up past its deadline or the resend limit.</summary>
    public void Resend(GrainRequest request, Exception reason)
    {
        if (++request.ResendCount > _options.MaxResendCount || _time.GetTimestamp() >= request.DeadlineTimestamp)
        {
            request.TryFail(reason as SiloUnavailableException
                            ?? new SiloUnavailableException($"{request.Method.DisplayName} on {request.Target} could not be delivered: {reason.Message}", reason));
            return;
        }

        _resent.Add(1);
        // The ring is probably moving: give membership a moment to settle before the next attempt.
        var delay = ResendDelay * request.ResendCount;
        _ = Task.Delay(delay, _time).ContinueWith(static (_, s) =>
        {
            var (router, request) = ((MessageRouter, GrainRequest))s!;
            router.Reroute(request);
        }, (_router, request), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Fails every operation whose deadline passed; returns how many.</summary>
    public int FailExpired()
    {
        var now = _time.GetTimestamp();
        var failed = 0;
        foreach (var (id, operation) in _pending)
        {
            if (now < operation.DeadlineTimestamp || !_pending.TryRemove(id, out _)) continue;
            operation.OnTimeout();
            failed++;
        }

        return failed;
    }

    /// <summary>Fails every operation sent to <paramref name="silo"/>, which was declared dead.</summary>
    public int FailSentTo(SiloAddress silo)
    {
        var failed = 0;
        foreach (var (id, operation) in _pending)
        {
            if (!operation.Target.Equals(silo) || !_pending.TryRemove(id, out _)) continue;
            operation.OnTargetDead();
            failed++;
        }

        return failed;
    }
}
