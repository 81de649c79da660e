using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Runtime.Messaging;

/// <summary>
/// Every pending call with its deadline. A periodic sweep fails the calls whose deadline passed with a
/// <see cref="TimeoutException"/>; the call itself is never retried (it may have run).
/// </summary>
internal sealed class CallTimeoutMonitor : IDisposable
{
    private readonly ConcurrentDictionary<long, GrainRequest> _pending = new();
    private readonly TimeProvider _time;
    private readonly ILogger<CallTimeoutMonitor> _logger;
    private readonly ITimer _sweep;
    private long _nextCorrelationId;

    public CallTimeoutMonitor(TimeProvider time, IOptions<RuntimeOptions> options, ILogger<CallTimeoutMonitor> logger)
    {
        _time = time;
        _logger = logger;
        var interval = options.Value.CallTimeoutCheckInterval;
        _sweep = time.CreateTimer(static s => ((CallTimeoutMonitor)s!).Sweep(), this, interval, interval);
    }

    public int PendingCount => _pending.Count;

    /// <summary>Gives the request its correlation id and deadline and starts watching it.</summary>
    public void Register(GrainRequest request)
    {
        request.CorrelationId = Interlocked.Increment(ref _nextCorrelationId);
        request.DeadlineTimestamp = _time.GetTimestamp() + (long)(request.Timeout.TotalSeconds * _time.TimestampFrequency);
        _pending[request.CorrelationId] = request;
    }

    public void Unregister(GrainRequest request) => _pending.TryRemove(request.CorrelationId, out _);

    public static TimeoutException TimeoutFor(GrainRequest request) =>
        new($"{request.Method.DisplayName} on {request.Target} did not complete within {request.Timeout}. It may still run; it was not retried.");

    internal void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (id, request) in _pending)
        {
            if (now < request.DeadlineTimestamp || !_pending.TryRemove(id, out _)) continue;
            if (request.TryFail(TimeoutFor(request)))
                RuntimeLog.CallTimedOut(_logger, request.Method.DisplayName, request.Target, request.Timeout);
        }
    }

    public void Dispose() => _sweep.Dispose();
}
