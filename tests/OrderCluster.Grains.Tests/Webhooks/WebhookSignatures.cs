using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderCluster.Grains.Tests.Webhooks;

/// <summary>
/// What a receiver does with <c>X-OrderCluster-Signature: t={unix},v1={hex},...</c>, written here from the documented
/// format (not with the production code): HMAC-SHA256 keyed with the secret's UTF-8 bytes over <c>"{t}.{body}"</c>.
/// </summary>
public static class WebhookSignatures
{
    public static (long Timestamp, IReadOnlyList<string> V1) Parse(string header)
    {
        var parts = header.Split(',');
        var t = long.Parse(parts.Single(p => p.StartsWith("t=", StringComparison.Ordinal))[2..], CultureInfo.InvariantCulture);
        return (t, [.. parts.Where(p => p.StartsWith("v1=", StringComparison.Ordinal)).Select(p => p[3..])]);
    }

    public static string Expected(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static bool SignedBy(string header, string secret, string body)
    {
        var (t, v1) = Parse(header);
        return v1.Contains(Expected(secret, t, body));
    }
}
