using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderCluster.Dashboard.Access;

/// <summary>
/// Authenticates one silo's dashboard to another's peer API: header <see cref="HeaderName"/> carries <c>unixSeconds.signature</c>,
/// the HMAC-SHA256 of the method, path with query (so a signature for one grain cannot act on another) and time under the shared signing key. Accepted for <see cref="MaxSkew"/> either side of now.
/// </summary>
internal static class PeerSignature
{
    public const string HeaderName = "X-OrderCluster-Dashboard-Peer";

    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(2);

    public static string Create(byte[] key, string method, string path, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        return seconds.ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(Sign(key, method, path, seconds));
    }

    public static bool IsValid(byte[] key, string? header, string method, string path, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 200) return false;
        var dot = header.IndexOf('.');
        if (dot <= 0 || !long.TryParse(header.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > MaxSkew.TotalSeconds) return false;
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(header.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(signature, Sign(key, method, path, seconds));
    }

    private static byte[] Sign(byte[] key, string method, string path, long seconds) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"peer\n{method.ToUpperInvariant()}\n{path}\n{seconds}")));
}
