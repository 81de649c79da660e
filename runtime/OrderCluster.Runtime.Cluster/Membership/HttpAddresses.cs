using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Membership;

/// <summary>Where this silo's HTTP API listens, as other machines reach it (for the membership row and the dashboard).</summary>
internal static class HttpAddresses
{
    public static string? Find(IServiceProvider services, SiloAddress silo)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var http = addresses?
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(u => u is not null && u.Port != silo.Port);
        if (http is null) return null;
        // A wildcard or loopback binding is reached through the advertised host.
        var host = http.Host is "0.0.0.0" or "[::]" or "+" or "*" or "localhost" or "127.0.0.1" ? silo.Host : http.Host;
        return $"{http.Scheme}://{host}:{http.Port}";
    }
}
