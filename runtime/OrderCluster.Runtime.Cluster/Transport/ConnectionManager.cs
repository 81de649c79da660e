using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>
/// Every connection of this silo: one outgoing link per peer (requests and probes go out on it, their responses come
/// back on it) and the incoming connections Kestrel accepts (requests from peers, answered on the same connection).
/// </summary>
internal sealed class ConnectionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, PeerLink> _links = new();
    private readonly ConcurrentDictionary<SiloConnection, byte> _inbound = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ClusterOptions _options;
    private readonly IClusterView _view;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private IFrameHandler? _handler;
    private volatile bool _killed;

    public ConnectionManager(IOptions<ClusterOptions> options, IClusterView view, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _view = view;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ConnectionManager>();
        Connector = new SiloConnector(loggerFactory);
    }

    public SiloAddress LocalSilo => _view.LocalSilo;

    public SiloConnector Connector { get; }

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Set once, by the message handler (which in turn sends through this manager).</summary>
    public IFrameHandler Handler
    {
        get => _handler ?? throw new InvalidOperationException("The silo transport has no frame handler yet.");
        set => _handler = value;
    }

    /// <summary>Queues a frame to <paramref name="target"/>; false when it cannot go now (the caller still owns the frame).</summary>
    public bool TrySend(SiloAddress target, OutgoingFrame frame)
    {
        if (_killed || _stopping.IsCancellationRequested) return false;
        var link = _links.GetOrAdd(target, t => new PeerLink(t, this, _options, _time, _logger));
        return link.TrySend(frame);
    }

    /// <summary>True when every incoming connection has written out all its responses.</summary>
    public bool InboundQueuesEmpty => _inbound.Keys.All(c => c.QueuedFrames == 0);

    /// <summary>Closes the link to a silo that left or died.</summary>
    public void Forget(SiloAddress silo)
    {
        if (_links.TryRemove(silo, out var link)) link.Close();
    }

    public SiloConnection CreateConnection(bool outbound, SiloAddress? peer) =>
        new(outbound, peer, Handler, _options, _loggerFactory.CreateLogger<SiloConnection>());

    /// <summary>Serves one connection Kestrel accepted, until it closes.</summary>
    public async Task RunInboundAsync(ConnectionContext context)
    {
        if (_killed)
        {
            context.Abort();
            return;
        }

        var connection = CreateConnection(outbound: false, peer: null);
        _inbound.TryAdd(connection, 0);
        try
        {
            await connection.RunAsync(context);
        }
        finally
        {
            _inbound.TryRemove(connection, out _);
        }
    }

    /// <summary>Test hook for an abrupt death: every connection drops with no goodbye, and none opens again.</summary>
    internal void Kill()
    {
        _killed = true;
        _stopping.Cancel();
        foreach (var link in _links.Values) link.Close();
        foreach (var connection in _inbound.Keys) connection.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var link in _links.Values) link.Close();
        foreach (var connection in _inbound.Keys) connection.Close();
        Connector.Dispose();
    }
}
