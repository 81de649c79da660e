using Microsoft.AspNetCore.Identity;

namespace OrderCluster.Api.Users;

/// <summary>
/// Console users' passwords, hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, a
/// per-password salt, the format versioned in the hash). Unknown users are checked against a fixed hash so a refusal
/// takes as long whether or not the name exists.
/// </summary>
internal static class UserPasswords
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    private static readonly PasswordHasher<UserRecord> Hasher = new();
    private static readonly string Decoy = Hasher.HashPassword(null!, "decoy-password-never-matches");

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(UserRecord? user, string password)
    {
        var result = Hasher.VerifyHashedPassword(null!, user?.PasswordHash ?? Decoy, password);
        return user is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>Why <paramref name="password"/> is not acceptable, or null.</summary>
    public static string? Problem(string? password) =>
        password is null || password.Length < MinLength || password.Length > MaxLength ? $"passwords have {MinLength} to {MaxLength} characters." : null;
}
