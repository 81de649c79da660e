using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Cluster.Transport.Wire;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>
/// The outgoing connection to one silo: opened on the first frame (frames queue while it connects, behind a HELLO),
/// replaced by a new one after it closes. After a failed connect, frames are refused for a short back-off, so calls
/// to an unreachable silo fail fast (and retryably) instead of queueing.
/// </summary>
internal sealed class PeerLink(SiloAddress target, ConnectionManager manager, ClusterOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan ConnectBackoff = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private SiloConnection? _current;
    private DateTimeOffset _refuseUntil;
    private bool _closed;

    public SiloAddress Target => target;

    public bool TrySend(OutgoingFrame frame)
    {
        SiloConnection connection;
        lock (_lock)
        {
            if (_closed) return false;
            if (_current is null || _current.IsClosing)
            {
                if (time.GetUtcNow() < _refuseUntil) return false;
                var created = manager.CreateConnection(outbound: true, target);
                created.TryEnqueue(FrameCodec.Encode(new Envelope
                {
                    Kind = MessageKind.Hello, Sender = manager.LocalSilo.ToString(), TargetSilo = target.ToString(),
                }));
                _current = created;
                // May fail at once (connection refused) and clear _current: keep our own reference.
                _ = ConnectAndRunAsync(created);
                connection = created;
            }
            else
            {
                connection = _current;
            }
        }

        return connection.TryEnqueue(frame);
    }

    /// <summary>Closes the link for good (the silo is dead or this one stops).</summary>
    public void Close()
    {
        SiloConnection? current;
        lock (_lock)
        {
            _closed = true;
            current = _current;
        }

        current?.Close();
    }

    private async Task ConnectAndRunAsync(SiloConnection connection)
    {
        try
        {
            var context = await manager.Connector.ConnectAsync(target, options.ConnectTimeout, manager.Stopping);
            TransportLog.Connected(logger, target.ToString());
            await connection.RunAsync(context);
        }
        catch (Exception e)
        {
            lock (_lock) _refuseUntil = time.GetUtcNow() + ConnectBackoff;
            TransportLog.ConnectFailed(logger, e, target.ToString(), ConnectBackoff);
            connection.Close();
        }
        finally
        {
            lock (_lock)
            {
                if (ReferenceEquals(_current, connection)) _current = null;
            }
        }
    }
}
