using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderCluster.Dashboard.Access;

/// <summary>Checks a password against a configured one (plain, compared in constant time) or a PBKDF2-HMAC-SHA256 hash.</summary>
internal static class PasswordVerifier
{
    public const string HashPrefix = "pbkdf2-sha256$";

    /// <summary>True when <paramref name="configured"/> is a PBKDF2 hash rather than a plain password.</summary>
    public static bool IsHash(string configured) => configured.StartsWith(HashPrefix, StringComparison.Ordinal);

    public static bool Verify(string password, string configured)
    {
        if (IsHash(configured)) return VerifyHash(password, configured);
        // Hashing both sides first makes the comparison constant-time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(password)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
    }

    /// <summary>A hash in the configured form, for <c>Dashboard:PasswordHash</c> (tests and documentation use it).</summary>
    public static string Hash(string password, int iterations = 100_000)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{HashPrefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool IsWellFormedHash(string value) => TryParse(value, out _, out _, out _);

    private static bool VerifyHash(string password, string configured)
    {
        if (!TryParse(configured, out var iterations, out var salt, out var expected)) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string value, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = value.Split('$');
        if (parts.Length != 4 || parts[0] + "$" != HashPrefix) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1000) return false;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}
