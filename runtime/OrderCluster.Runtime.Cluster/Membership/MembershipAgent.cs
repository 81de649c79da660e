using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Cluster.Messaging;
using OrderCluster.Runtime.Cluster.Transport;
using OrderCluster.Runtime.Cluster.Transport.Wire;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Membership;

/// <summary>
/// This silo's membership: writes its own row (Joining, then Active once it can reach every active silo,
/// ShuttingDown when it starts draining, Dead when it leaves), keeps the view fresh (every refresh interval and
/// whenever a peer says the table changed), writes heartbeats, removes rows of long-dead silos, and stops the silo
/// if the cluster declared it dead. All status changes are compare-and-swap writes; a lost race re-reads and retries.
/// </summary>
internal sealed class MembershipAgent : IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly ClusterView _view;
    private readonly RemoteCallSender _sender;
    private readonly ConnectionManager _connections;
    private readonly MembershipRefresh _refresh;
    private readonly SiloIdentity _identity;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ClusterOptions _options;
    private readonly ILogger<MembershipAgent> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private volatile bool _declaredDead;
    private volatile bool _leaving;

    private readonly IServiceProvider _services;

    public MembershipAgent(IMembershipTable table, ClusterView view, RemoteCallSender sender, ConnectionManager connections,
        MembershipRefresh refresh, SiloIdentity identity, IHostApplicationLifetime lifetime, TimeProvider time,
        IOptions<ClusterOptions> options, ILogger<MembershipAgent> logger, IServiceProvider services)
    {
        _services = services;
        _table = table;
        _view = view;
        _sender = sender;
        _connections = connections;
        _refresh = refresh;
        _identity = identity;
        _lifetime = lifetime;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public string Cluster => _options.Name;

    /// <summary>True once the cluster declared this silo dead: it writes nothing more.</summary>
    public bool DeclaredDead => _declaredDead;

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        HttpAddress ??= HttpAddresses.Find(_services, _view.LocalSilo);
        await WriteOwnStatusAsync(MemberStatus.Joining, cancellationToken);
        await WaitUntilActiveSilosAnswerAsync(cancellationToken);
        await WriteOwnStatusAsync(MemberStatus.Active, cancellationToken);
        _loops.Add(RunLoopAsync("refresh", RefreshOnceAsync, null));
        _loops.Add(RunLoopAsync("heartbeat", HeartbeatOnceAsync, _options.HeartbeatInterval));
        _loops.Add(RunLoopAsync("cleanup", CleanupOnceAsync, TimeSpan.FromMinutes(1)));
    }

    /// <summary>Leaves the ring (ShuttingDown): peers stop sending new work, this silo drains.</summary>
    public async Task AnnounceShutdownAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        _view.IsLeaving = true;
        if (_declaredDead) return;
        await WriteOwnStatusAsync(MemberStatus.ShuttingDown, cancellationToken);
        // Peers were told at once; one refresh interval later every peer has read it even if a notice got lost,
        // so nobody routes new work here while this silo drains.
        await Task.Delay(_options.RefreshInterval, _time, cancellationToken);
    }

    /// <summary>Leaves the cluster for good (Dead) and stops the loops.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        _view.IsLeaving = true;
        // Calls this silo sent (its grains' and its HTTP callers') get their answers before the connections close.
        var deadline = _time.GetUtcNow() + TimeSpan.FromSeconds(10);
        while ((_sender.PendingCount > 0 || !_connections.InboundQueuesEmpty) && _time.GetUtcNow() < deadline
               && !cancellationToken.IsCancellationRequested)
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        if (!_declaredDead) await WriteOwnStatusAsync(MemberStatus.Dead, cancellationToken);
        await StopLoopsAsync();
    }

    /// <summary>Reads the table and updates the view.</summary>
    public async Task<MembershipSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _table.ReadAsync(Cluster, cancellationToken);
        _view.Apply(snapshot);
        if (snapshot.Find(_view.LocalSilo) is { Status: MemberStatus.Dead } && !_leaving && !_declaredDead)
        {
            _declaredDead = true;
            MembershipLog.DeclaredDeadByCluster(_logger, _view.LocalSilo.ToString());
            _lifetime.StopApplication();
        }

        return snapshot;
    }

    /// <summary>Tells the active silos to read the table now.</summary>
    public void NotifyPeers(MembershipSnapshot snapshot)
    {
        foreach (var peer in snapshot.Entries.Where(e => e.Status == MemberStatus.Active && !e.Silo.Equals(_view.LocalSilo)))
        {
            var frame = FrameCodec.Encode(new Envelope { Kind = MessageKind.MembershipChanged });
            if (!_connections.TrySend(peer.Silo, frame)) frame.Release();
        }
    }

    private async Task WriteOwnStatusAsync(MemberStatus status, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await _table.ReadAsync(Cluster, cancellationToken);
            var current = snapshot.Find(_view.LocalSilo);
            if (current is { Status: MemberStatus.Dead } && status != MemberStatus.Dead)
            {
                _declaredDead = true;
                throw new InvalidOperationException($"Silo {_view.LocalSilo} was declared dead by the cluster; it cannot become {status}.");
            }

            var now = _time.GetUtcNow();
            var entry = (current ?? new MembershipEntry(_view.LocalSilo, status, _identity.InstanceId, _identity.Name,
                HttpAddress, now, now, [])) with { Status = status, HeartbeatAt = now };
            if (!await _table.TryWriteAsync(Cluster, entry, snapshot.Version, cancellationToken)) continue;

            MembershipLog.StatusWritten(_logger, _view.LocalSilo.ToString(), status.ToString(), Cluster);
            NotifyPeers(await RefreshAsync(cancellationToken));
            return;
        }
    }

    /// <summary>Where this silo's HTTP API listens, for the dashboard (set by the host).</summary>
    public string? HttpAddress { get; set; }

    private async Task WaitUntilActiveSilosAnswerAsync(CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.JoinTimeout;
        while (true)
        {
            var snapshot = await RefreshAsync(cancellationToken);
            var others = snapshot.Entries.Where(e => e.Status == MemberStatus.Active && !e.Silo.Equals(_view.LocalSilo)).ToList();
            var answers = await Task.WhenAll(others.Select(o => _sender.PingAsync(o.Silo, _options.ProbeTimeout)));
            var silent = others.Where((_, i) => !answers[i]).ToList();
            if (silent.Count == 0) return;

            // Nobody may be left to vote these out (a whole cluster restarting after a crash): judge them here.
            var gone = silent.Where(IsCertainlyGone).ToList();
            foreach (var entry in gone) await DeclareDeadAsync(entry, cancellationToken);
            if (gone.Count == silent.Count) continue;

            if (_time.GetUtcNow() > deadline)
                throw new InvalidOperationException(
                    $"Silo {_view.LocalSilo} cannot reach active silos {string.Join(", ", silent.Select(s => s.Silo))} within Cluster:JoinTimeout "
                    + $"({_options.JoinTimeout}); check Cluster:AdvertisedAddress, Cluster:SiloPort and the network between silos.");
            MembershipLog.WaitingForSilos(_logger, string.Join(", ", silent.Select(s => s.Silo)));
            // A silo that really died is voted dead by the others meanwhile and drops out of the list.
            await Task.Delay(_options.ProbeInterval, _time, cancellationToken);
        }
    }

    /// <summary>
    /// An earlier run on this silo's own address (this run holds the port now), or a member silent for longer than
    /// <see cref="ClusterOptions.StaleHeartbeatAge"/> that does not answer probes.
    /// </summary>
    private bool IsCertainlyGone(MembershipEntry entry) =>
        (entry.Silo.Endpoint == _view.LocalSilo.Endpoint && entry.Silo.Generation < _view.LocalSilo.Generation)
        || _time.GetUtcNow() - entry.HeartbeatAt > _options.StaleHeartbeatAge;

    private async Task DeclareDeadAsync(MembershipEntry suspect, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await _table.ReadAsync(Cluster, cancellationToken);
            var entry = snapshot.Find(suspect.Silo);
            if (entry is null || entry.Status == MemberStatus.Dead) return;
            if (!await _table.TryWriteAsync(Cluster, entry with { Status = MemberStatus.Dead }, snapshot.Version, cancellationToken)) continue;
            MembershipLog.DeclaredDead(_logger, suspect.Silo.ToString(), 0);
            return;
        }
    }

    private Task RefreshOnceAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    private Task HeartbeatOnceAsync(CancellationToken cancellationToken) =>
        _declaredDead ? Task.CompletedTask : _table.HeartbeatAsync(Cluster, _view.LocalSilo, _time.GetUtcNow(), cancellationToken);

    private async Task CleanupOnceAsync(CancellationToken cancellationToken)
    {
        var removed = await _table.CleanupAsync(Cluster, _time.GetUtcNow() - _options.DeadSiloCleanupAge, cancellationToken);
        if (removed > 0) MembershipLog.CleanedUp(_logger, removed);
    }

    /// <summary>Runs <paramref name="body"/> every <paramref name="interval"/> (the refresh interval or a refresh request when null).</summary>
    internal Task RunLoopAsync(string name, Func<CancellationToken, Task> body, TimeSpan? interval) => Task.Run(async () =>
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (interval is { } every) await Task.Delay(every, _time, stopping);
                else await _refresh.WaitAsync(_options.RefreshInterval, _time, stopping);
                await body(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                MembershipLog.LoopFailed(_logger, e, name);
            }
        }
    });

    private async Task StopLoopsAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested) await StopLoopsAsync();
    }
}
