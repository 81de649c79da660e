using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderCluster.Dashboard.Access;

/// <summary>
/// The session cookie's value: <c>user|expiry|nonce</c> and its HMAC-SHA256 under the dashboard's signing key. Stateless and the same
/// key on every silo, so a session works on whichever silo a load balancer picks; it ends at its expiry or when the cookie is dropped.
/// </summary>
internal static class SessionToken
{
    public const string CookieName = "oc_dashboard";

    public static string Issue(byte[] key, string username, DateTimeOffset expires)
    {
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(username))}|{expires.ToUnixTimeSeconds()}|{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}");
        return payload + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary>The user of a valid, unexpired token; null otherwise.</summary>
    public static string? Validate(byte[] key, string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024) return null;
        var dot = token.LastIndexOf('.');
        if (dot <= 0) return null;
        var payload = token[..dot];
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)))) return null;
        var parts = payload.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)) return null;
        if (now.ToUnixTimeSeconds() >= expiry) return null;
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0]));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
