using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Grains;
using OrderCluster.Runtime.Hosting;

namespace OrderCluster.Runtime.Activation;

/// <summary>
/// The silo's activations by grain id: at most one per id. Creates an activation on the first request
/// for an id, hands requests to it, and removes it when it is gone.
/// </summary>
internal sealed class Catalog
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly ConcurrentDictionary<string, GrainClassInfo> _classes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongCount> _countsByType = new(StringComparer.Ordinal);
    private readonly GrainTypeRegistry _registry;
    private readonly GrainRuntime _runtime;
    private readonly RuntimeOptions _options;
    private volatile bool _accepting = true;

    public Catalog(GrainTypeRegistry registry, GrainRuntime runtime, IOptions<RuntimeOptions> options)
    {
        _registry = registry;
        _runtime = runtime;
        _options = options.Value;
        RecentCalls = runtime.Services.GetService<Diagnostics.RecentCallLog>() ?? new Diagnostics.RecentCallLog(Options.Create(new Diagnostics.RecentCallLogOptions()), runtime.TimeProvider); // dashboard: recent-calls log
        runtime.Metrics.Meter.CreateObservableGauge("ordercluster.activations", ObserveActivations, "{activation}",
            "Current activations per grain type.");
        runtime.Metrics.Meter.CreateObservableGauge("ordercluster.activation.queue.length", ObserveQueueLength, "{request}",
            "Requests waiting for their turn, per grain type.");
    }

    public int Count => _activations.Count;

    /// <summary>The recent-calls log activations write to (the dashboard's; off unless it enabled it).</summary>
    public Diagnostics.RecentCallLog RecentCalls { get; }

    public IEnumerable<ActivationData> Activations => _activations.Values;

    public bool TryGet(GrainId grainId, out ActivationData activation) => _activations.TryGetValue(grainId, out activation!);

    /// <summary>
    /// Hands <paramref name="request"/> to the activation of its target, creating it if needed. A local call's
    /// mutable arguments are copied here (a remote call's were serialized, which isolates them already).
    /// </summary>
    public void Deliver(GrainRequest request)
    {
        if (request.Route is null) request.CopyArguments(_runtime.JsonOptions);
        var grainId = request.Target;
        while (true)
        {
            if (!_activations.TryGetValue(grainId, out var activation))
            {
                if (!_accepting)
                    throw new SiloUnavailableException($"The silo is shutting down and accepts no new activations ({grainId}).");
                activation = new ActivationData(grainId, GetClassInfo(grainId.Type), _runtime);
                if (!_activations.TryAdd(grainId, activation)) continue;
                _countsByType.GetOrAdd(grainId.Type, _ => new StrongCount()).Increment();
                _runtime.Metrics.ActivationCreated(grainId.Type);
                activation.StartActivation();
            }

            if (activation.TryEnqueue(request)) return;
        }
    }

    public void Remove(ActivationData activation)
    {
        if (_activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation))
            && _countsByType.TryGetValue(activation.GrainId.Type, out var count))
        {
            count.Decrement();
        }
    }

    /// <summary>Deactivates activations idle for longer than their collection age; returns how many.</summary>
    public int CollectIdle()
    {
        var collected = 0;
        foreach (var activation in _activations.Values)
            if (activation.TryDeactivateIfIdle(activation.GrainClass.CollectionAge)) collected++;
        return collected;
    }

    /// <summary>From now on, requests for grains without an activation fail as retryable.</summary>
    public void StopAccepting() => _accepting = false;

    /// <summary>Deactivates every activation and waits for them to go.</summary>
    public Task DeactivateAllAsync(DeactivationReason reason) =>
        Task.WhenAll(_activations.Values.Select(a => a.DeactivateAsync(reason)));

    /// <summary>Deactivates the activations for which <paramref name="moved"/> says yes (another silo owns them now).</summary>
    public int DeactivateWhere(Func<GrainId, bool> moved, DeactivationReason reason)
    {
        var count = 0;
        foreach (var activation in _activations.Values)
        {
            if (!moved(activation.GrainId)) continue;
            activation.Deactivate(reason);
            count++;
        }

        return count;
    }

    private GrainClassInfo GetClassInfo(string grainType) =>
        _classes.GetOrAdd(grainType, type =>
        {
            var registration = _registry.GetClass(type);
            var overrides = _options.GrainTypes.GetValueOrDefault(type);
            return new GrainClassInfo(registration,
                overrides?.CollectionAge ?? registration.CollectionAge ?? _options.CollectionAge);
        });

    private IEnumerable<Measurement<long>> ObserveActivations() =>
        _countsByType.Select(c => new Measurement<long>(c.Value.Value, new KeyValuePair<string, object?>("grain_type", c.Key)));

    private IEnumerable<Measurement<long>> ObserveQueueLength() =>
        _activations.Values.GroupBy(a => a.GrainId.Type)
            .Select(g => new Measurement<long>(g.Sum(a => (long)a.QueueLength), new KeyValuePair<string, object?>("grain_type", g.Key)));

    private sealed class StrongCount
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);

        public void Decrement() => Interlocked.Decrement(ref _value);
    }
}
