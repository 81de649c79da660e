using System.Globalization;

namespace OrderCluster.Runtime.Placement;

/// <summary>
/// One run of one silo: where it listens for silo-to-silo traffic, and its generation (a number that grows
/// with every start, so a restarted silo on the same address is a different member).
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation) : IComparable<SiloAddress>
{
    /// <summary><c>host:port</c>.</summary>
    public string Endpoint => $"{Host}:{Port}";

    public int CompareTo(SiloAddress? other)
    {
        if (other is null) return 1;
        var byHost = string.CompareOrdinal(Host, other.Host);
        if (byHost != 0) return byHost;
        var byPort = Port.CompareTo(other.Port);
        return byPort != 0 ? byPort : Generation.CompareTo(other.Generation);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Generation}");

    /// <summary>Parses the <c>host:port@generation</c> form of <see cref="ToString"/>.</summary>
    public static SiloAddress Parse(string value)
    {
        var at = value.LastIndexOf('@');
        var colon = at > 0 ? value.LastIndexOf(':', at) : -1;
        if (at < 0 || colon <= 0)
            throw new FormatException($"'{value}' is not a silo address; expected host:port@generation.");
        return new SiloAddress(value[..colon], int.Parse(value[(colon + 1)..at], CultureInfo.InvariantCulture),
            long.Parse(value[(at + 1)..], CultureInfo.InvariantCulture));
    }
}
