using System.Text;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Grains;
using OrderCluster.Runtime.Placement;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Diagnostics;

/// <summary>A grain class: its type name, CLR class, interfaces and persistent state names.</summary>
public sealed record GrainTypeInfo(string GrainType, string ClassName, IReadOnlyList<string> Interfaces, IReadOnlyList<string> States);

/// <summary>An activation of a grain in this silo.</summary>
public sealed record LocalActivationInfo(string Status, int QueueLength);

/// <summary>One persistent state as stored: its version and JSON (null when never written or cleared).</summary>
public sealed record GrainStateInfo(string StateName, long Version, string? Json);

/// <summary>A durable timer of a grain.</summary>
public sealed record GrainTimerInfo(string Name, DateTimeOffset DueAt, TimeSpan? Period);

/// <summary>
/// Describes grains for the dashboard: where a grain lives (the ring owner and this silo's activation), its stored state,
/// its durable timers and its recent calls; and deactivates one on an operator's request.
/// </summary>
public sealed class GrainDiagnostics
{
    private readonly Catalog _catalog;
    private readonly GrainTypeRegistry _registry;
    private readonly IClusterView _view;
    private readonly IGrainStateStore _states;
    private readonly IDurableTimerStore _timers;

    internal GrainDiagnostics(Catalog catalog, GrainTypeRegistry registry, IClusterView view, IGrainStateStore states,
        IDurableTimerStore timers, RecentCallLog recentCalls)
    {
        _catalog = catalog;
        _registry = registry;
        _view = view;
        _states = states;
        _timers = timers;
        RecentCalls = recentCalls;
        GrainTypes = registry.GrainClasses
            .Select(c => new GrainTypeInfo(c.GrainType, c.GrainClass.FullName ?? c.GrainClass.Name,
                c.Interfaces.Select(i => i.Name).ToList(), c.PersistentStates))
            .OrderBy(t => t.GrainType, StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyList<GrainTypeInfo> GrainTypes { get; }

    public RecentCallLog RecentCalls { get; }

    public SiloAddress LocalSilo => _view.LocalSilo;

    public bool IsKnownGrainType(string grainType) => _registry.TryGetClass(grainType, out _);

    /// <summary>The silo the placement ring gives the grain to (null while the ring is empty).</summary>
    public SiloAddress? OwnerOf(GrainId grainId) => _view.Ring.OwnerOf(grainId);

    /// <summary>This silo's activation of the grain, or null.</summary>
    public LocalActivationInfo? DescribeActivation(GrainId grainId) =>
        _catalog.TryGet(grainId, out var activation) ? new LocalActivationInfo(activation.Status.ToString(), activation.QueueLength) : null;

    /// <summary>Every persistent state of the grain as stored (the committed version: a write returns only after commit).</summary>
    public async Task<IReadOnlyList<GrainStateInfo>> ReadStatesAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var names = _registry.TryGetClass(grainId.Type, out var registration) ? registration.PersistentStates : [];
        var states = new List<GrainStateInfo>(names.Count);
        foreach (var name in names)
        {
            var stored = await _states.ReadStateAsync(grainId, name, cancellationToken);
            states.Add(new GrainStateInfo(name, stored?.Version ?? 0, stored?.Payload is { } payload ? Encoding.UTF8.GetString(payload) : null));
        }

        return states;
    }

    public async Task<IReadOnlyList<GrainTimerInfo>> ListTimersAsync(GrainId grainId, CancellationToken cancellationToken) =>
        (await _timers.ListAsync(grainId, cancellationToken)).OrderBy(t => t.DueAt).Select(t => new GrainTimerInfo(t.Name, t.DueAt, t.Period)).ToList();

    /// <summary>How many durable timers exist and the earliest due time (a store query: call it sparingly).</summary>
    public Task<DurableTimerStats> GetTimerStatsAsync(CancellationToken cancellationToken) => _timers.GetStatsAsync(cancellationToken);

    /// <summary>Deactivates this silo's activation of the grain (its state is committed, as at any deactivation); false when it has none.</summary>
    public bool Deactivate(GrainId grainId, string requestedBy)
    {
        if (!_catalog.TryGet(grainId, out var activation)) return false;
        activation.Deactivate(new DeactivationReason(DeactivationReasonCode.Operator, $"deactivated from the dashboard by {requestedBy}"));
        return true;
    }
}
