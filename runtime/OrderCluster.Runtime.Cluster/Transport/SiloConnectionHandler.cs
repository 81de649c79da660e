using Microsoft.AspNetCore.Connections;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>Kestrel's entry for the silo port: every accepted connection is served by the connection manager.</summary>
internal sealed class SiloConnectionHandler(ConnectionManager connections) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) => connections.RunInboundAsync(connection);
}
