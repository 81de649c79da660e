using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OrderCluster.Runtime.Cluster.Transport;

namespace OrderCluster.Runtime.Cluster.Hosting;

public static class ClusterKestrelExtensions
{
    /// <summary>Accepts silo-to-silo connections on <paramref name="port"/> (all interfaces).</summary>
    public static KestrelServerOptions ListenForSilos(this KestrelServerOptions kestrel, int port)
    {
        kestrel.ListenAnyIP(port, listen => listen.UseConnectionHandler<SiloConnectionHandler>());
        return kestrel;
    }

    /// <summary>
    /// Listens on HTTP URLs such as <c>http://localhost:5080;http://0.0.0.0:8080</c>. Needed because an endpoint
    /// configured in code (the silo port) makes Kestrel ignore the <c>urls</c> setting.
    /// </summary>
    public static KestrelServerOptions ListenOnUrls(this KestrelServerOptions kestrel, string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
            if (uri.Scheme != Uri.UriSchemeHttp)
                throw new InvalidOperationException($"Only http URLs are supported in --urls (was '{url}'); terminate TLS in front of the silo.");
            if (uri.IsLoopback && uri.Host == "localhost") kestrel.ListenLocalhost(uri.Port);
            else if (IPAddress.TryParse(uri.Host, out var address)) kestrel.Listen(address, uri.Port);
            else kestrel.ListenAnyIP(uri.Port);
        }

        return kestrel;
    }
}
