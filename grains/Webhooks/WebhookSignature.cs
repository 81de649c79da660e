using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderCluster.Grains.Webhooks;

/// <summary>
/// The <c>X-OrderCluster-Signature</c> header: <c>t={unix seconds},v1={hex HMAC-SHA256}</c>, the HMAC keyed with the
/// UTF-8 bytes of the subscription's secret over <c>"{t}.{raw body}"</c>. While a rotation's overlap runs, a second
/// <c>v1=</c> carries the signature with the previous secret. Receivers accept the delivery when any <c>v1</c> matches
/// and <c>t</c> is recent (replay protection).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-OrderCluster-Signature";
    public const string DeliveryHeader = "X-OrderCluster-Delivery";
    public const string EventHeader = "X-OrderCluster-Event";

    public static string Compute(string secret, long timestamp, string body)
    {
        var payload = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>The header value for <paramref name="body"/> at <paramref name="now"/>, signed with every given secret.</summary>
    public static string HeaderValue(DateTimeOffset now, string body, params IEnumerable<string> secrets)
    {
        var t = now.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)}," + string.Join(",", secrets.Select(s => "v1=" + Compute(s, t, body)));
    }

    /// <summary>Whether <paramref name="header"/> holds a <c>v1</c> signature of <paramref name="body"/> by <paramref name="secret"/>, made within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string header, string secret, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var value)) t = value;
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) signatures.Add(part[3..]);
        }

        if (t is not { } timestamp || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes, base64url.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
