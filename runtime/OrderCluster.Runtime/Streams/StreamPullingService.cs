using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// Runs a <see cref="PartitionAgent"/> for every stream partition this silo owns on the ring (all of them when the
/// silo is alone). When the ring changes, agents of partitions that moved away stop (saving their cursors) and the
/// new owner starts from the committed cursors: events may be delivered again, none is lost. A local append wakes the
/// agent of its partition at once.
/// </summary>
internal sealed class StreamPullingService : ISiloLifecycleParticipant
{
    private readonly Dictionary<int, PartitionAgent> _agents = [];
    private readonly SemaphoreSlim _reconcile = new(1, 1);
    private readonly IClusterView _view;
    private readonly StreamSubscriptionRegistry _registry;
    private readonly StreamServices _services;
    private readonly StreamAppender _appender;
    private readonly ILogger<StreamPullingService> _logger;
    private bool _stopped;

    public StreamPullingService(IClusterView view, StreamSubscriptionRegistry registry, StreamServices services, StreamAppender appender,
        ILogger<StreamPullingService> logger)
    {
        _view = view;
        _registry = registry;
        _services = services;
        _appender = appender;
        _logger = logger;
        services.Wake = Wake;
    }

    public int Stage => SiloLifecycleStage.BackgroundWork;

    public string Name => "stream partitions";

    /// <summary>The agents running on this silo now.</summary>
    public IReadOnlyCollection<PartitionAgent> Agents
    {
        get
        {
            lock (_agents) return _agents.Values.ToList();
        }
    }

    public static GrainId PartitionGrain(int partition) => new("stream-partition", partition.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        await _registry.RefreshAsync(force: true, cancellationToken);
        _appender.PartitionsAppended += OnAppended;
        _view.RingChanged += OnRingChanged;
        await ReconcileAsync(cancellationToken);
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        _view.RingChanged -= OnRingChanged;
        _appender.PartitionsAppended -= OnAppended;
        await _reconcile.WaitAsync(cancellationToken);
        try
        {
            _stopped = true;
            List<PartitionAgent> agents;
            lock (_agents)
            {
                agents = [.. _agents.Values];
                _agents.Clear();
            }

            await Task.WhenAll(agents.Select(a => a.StopAsync(cancellationToken)));
        }
        finally
        {
            _reconcile.Release();
        }
    }

    private void OnRingChanged(ConsistentHashRing ring) => _ = ReconcileAsync(CancellationToken.None);

    private void OnAppended(IReadOnlyCollection<int> partitions)
    {
        foreach (var partition in partitions) Wake(partition);
    }

    private void Wake(int partition)
    {
        PartitionAgent? agent;
        lock (_agents) _agents.TryGetValue(partition, out agent);
        agent?.Wake();
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await _reconcile.WaitAsync(cancellationToken);
        try
        {
            if (_stopped) return;
            var ring = _view.Ring;
            var owned = Enumerable.Range(0, _services.Options.Partitions)
                .Where(p => ring.IsEmpty || ring.OwnerOf(PartitionGrain(p)) is { } owner && owner.Equals(_view.LocalSilo))
                .ToHashSet();
            List<PartitionAgent> lost;
            lock (_agents)
            {
                lost = _agents.Values.Where(a => !owned.Contains(a.Partition)).ToList();
                foreach (var agent in lost) _agents.Remove(agent.Partition);
                foreach (var partition in owned.Where(p => !_agents.ContainsKey(p)))
                {
                    var agent = new PartitionAgent(partition, _registry, _services);
                    _agents[partition] = agent;
                    agent.Start();
                }
            }

            await Task.WhenAll(lost.Select(a => a.StopAsync(cancellationToken)));
            StreamLog.PartitionsOwned(_logger, string.Join(",", owned.Order()));
        }
        finally
        {
            _reconcile.Release();
        }
    }
}
