using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>Opens outgoing connections with Kestrel's socket transport (the same pipes as incoming ones).</summary>
internal sealed class SiloConnector(ILoggerFactory loggerFactory) : IDisposable
{
    private readonly SocketConnectionContextFactory _factory =
        new(new SocketConnectionFactoryOptions(), loggerFactory.CreateLogger<SocketConnectionContextFactory>());

    public async Task<ConnectionContext> ConnectAsync(SiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        EndPoint endpoint = IPAddress.TryParse(silo.Host, out var ip) ? new IPEndPoint(ip, silo.Port) : new DnsEndPoint(silo.Host, silo.Port);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await socket.ConnectAsync(endpoint, deadline.Token);
            return _factory.Create(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _factory.Dispose();
}
