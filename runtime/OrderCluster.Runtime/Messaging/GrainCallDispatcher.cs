using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.State;

namespace OrderCluster.Runtime.Messaging;

/// <summary>
/// Sends grain calls: picks the deadline (call scope, then method attribute, then grain type setting,
/// then the default) and routes the request to its grain's activation, here or on another silo. Any
/// failure to send completes the caller's task with it.
/// </summary>
internal sealed class GrainCallDispatcher : IGrainCallInvoker
{
    private readonly MessageRouter _router;
    private readonly CallDeadlines _deadlines;
    private readonly GrainJsonOptions _json;
    private readonly TimeSpan _defaultTimeout;
    private readonly FrozenDictionary<string, TimeSpan> _typeTimeouts;

    public GrainCallDispatcher(MessageRouter router, CallDeadlines deadlines, GrainJsonOptions json, IOptions<RuntimeOptions> options)
    {
        _router = router;
        _deadlines = deadlines;
        _json = json;
        _defaultTimeout = options.Value.CallTimeout;
        _typeTimeouts = options.Value.GrainTypes
            .Where(t => t.Value.CallTimeout is not null)
            .ToFrozenDictionary(t => t.Key, t => t.Value.CallTimeout!.Value, StringComparer.Ordinal);
    }

    public void Invoke(GrainId target, GrainRequest request)
    {
        try
        {
            request.Target = target;
            request.Timeout = GrainCallContext.Timeout ?? request.Method.ResponseTimeout
                ?? (_typeTimeouts.Count > 0 && _typeTimeouts.TryGetValue(target.Type, out var t) ? t : _defaultTimeout);
            _deadlines.Stamp(request);
            _router.Route(request);
        }
        catch (Exception e)
        {
            request.TryFail(e);
        }
    }
}
