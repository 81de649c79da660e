using System.Security.Cryptography;
using System.Text;

namespace OrderCluster.Api.Auth;

/// <summary>
/// The text of an API key: <c>oc_{keyId}_{secret}</c>. The key id is public (it names the key in lists and logs);
/// the secret is 32 random bytes. Only the SHA-256 of the whole text is stored: a random 256-bit secret needs no
/// slow hash, and comparing hashes in constant time leaks nothing.
/// </summary>
public static class ApiKeyText
{
    public const string Prefix = "oc_";

    public static (string KeyId, string Text) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>The key id inside a generated key, or null when the text is not of that shape.</summary>
    public static string? KeyIdOf(string text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length < Prefix.Length + 18) return null;
        var keyId = text.Substring(Prefix.Length, 16);
        return text[Prefix.Length + 16] == '_' && keyId.All(char.IsAsciiHexDigitLower) ? keyId : null;
    }

    public static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    public static string HashHex(string text) => Convert.ToHexStringLower(Hash(text));

    public static bool HashEquals(string hashHex, string text)
    {
        var presented = Hash(text);
        var stored = hashHex.Length == 64 ? Convert.FromHexString(hashHex) : [];
        return stored.Length == presented.Length && CryptographicOperations.FixedTimeEquals(stored, presented);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
