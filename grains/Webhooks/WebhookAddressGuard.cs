using System.Net;
using System.Net.Sockets;

namespace OrderCluster.Grains.Webhooks;

/// <summary>
/// Keeps webhook deliveries away from the silo's own network (SSRF): a receiver must be a host of
/// <c>Webhooks:AllowedHosts</c> (when set), never a cloud metadata name, and every address it resolves to must be public:
/// loopback (unless <c>Webhooks:AllowLoopback</c>), private and carrier-grade NAT ranges (unless
/// <c>Webhooks:AllowPrivateNetworks</c>), link-local (the metadata services live there), unspecified, multicast and
/// broadcast addresses are refused. It runs when a subscription is saved and again at every connection, on the
/// addresses actually connected to, so a name that later resolves elsewhere (DNS rebinding) gets nowhere.
/// </summary>
internal sealed class WebhookAddressGuard(WebhookOptions options)
{
    /// <summary>How long saving a subscription waits for DNS; an unresolved name is checked again at delivery.</summary>
    public static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    private static readonly string[] MetadataHosts = ["metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal"];

    /// <summary>Why <paramref name="host"/> may not be a receiver by its name alone, or null.</summary>
    public string? RefuseHost(string host)
    {
        var name = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        if (MetadataHosts.Contains(name)) return $"{host} is a cloud metadata service.";
        if (options.AllowedHosts is { Length: > 0 } allowed && !allowed.Any(a => Matches(a, name)))
            return $"{host} is not one of the allowed webhook hosts (Webhooks:AllowedHosts).";
        if (IPAddress.TryParse(name, out var literal)) return RefuseAddress(literal);
        if ((name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal)) && !options.AllowLoopback)
            return $"{host} is the silo itself (loopback).";
        return null;
    }

    /// <summary>Why a connection to <paramref name="address"/> is refused, or null when it is a public address (or an allowed local one).</summary>
    public string? RefuseAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return options.AllowLoopback ? null : $"{address} is a loopback address.";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return $"{address} is not a receiver's address.";
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal) return $"{address} is a link-local address.";
            if (address.IsIPv6Multicast) return $"{address} is a multicast address.";
            if (address.IsIPv6UniqueLocal) return options.AllowPrivateNetworks ? null : $"{address} is a private (unique local) address.";
            return null;
        }

        var b = address.GetAddressBytes();
        if (b[0] == 169 && b[1] == 254) return $"{address} is a link-local address (cloud metadata services live there).";
        if (b[0] == 0) return $"{address} is not a receiver's address.";
        if (b[0] >= 224) return $"{address} is a multicast or reserved address.";
        var isPrivate = b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127);
        return isPrivate && !options.AllowPrivateNetworks ? $"{address} is a private network address." : null;
    }

    /// <summary>Resolves <paramref name="host"/> and returns why any of its addresses is refused, or null (also when it does not resolve).</summary>
    public async Task<string?> RefuseResolvedAsync(string host, CancellationToken cancellationToken)
    {
        if (RefuseHost(host) is { } refused) return refused;
        if (IPAddress.TryParse(host.Trim('[', ']'), out _)) return null;
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ArgumentException)
        {
            return null; // not resolvable now; every delivery checks again before it connects
        }

        return addresses.Select(RefuseAddress).FirstOrDefault(r => r is not null) is { } reason ? $"{host} resolves to {reason}" : null;
    }

    /// <summary>
    /// The connection a delivery makes: resolves the host once, refuses it if any address is refused, and connects to
    /// exactly those checked addresses (the check and the connection see the same DNS answer).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        if (RefuseHost(endpoint.Host) is { } byName) throw new WebhookAddressRefusedException(byName);
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (addresses.Length == 0) throw new WebhookAddressRefusedException($"{endpoint.Host} does not resolve.");
        if (addresses.Select(RefuseAddress).FirstOrDefault(r => r is not null) is { } reason)
            throw new WebhookAddressRefusedException($"{endpoint.Host} resolves to {reason}");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary><c>hooks.example.com</c> matches itself; <c>*.example.com</c> matches any name below example.com.</summary>
    private static bool Matches(string pattern, string host)
    {
        var p = pattern.Trim().TrimEnd('.').ToLowerInvariant();
        return p.StartsWith("*.", StringComparison.Ordinal) ? host.EndsWith(p[1..], StringComparison.Ordinal) : host == p;
    }
}

/// <summary>A delivery's receiver resolved to an address the guard refuses; the attempt fails with this reason.</summary>
internal sealed class WebhookAddressRefusedException(string reason) : HttpRequestException($"Refused webhook target: {reason}");
