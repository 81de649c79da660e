namespace OrderCluster.Api.Users;

/// <summary>A console user of one tenant: signs in with a password, acts with the scopes its roles map to.</summary>
public sealed record UserRecord
{
    public required string TenantId { get; init; }

    public required string Username { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>ASP.NET Core Identity's password hash (PBKDF2 with a per-user salt); never leaves the API.</summary>
    public required string PasswordHash { get; init; }

    public ImmutableArray<string> Roles { get; init; } = [];

    public bool Disabled { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Bumped by every change: the ETag of <c>/users/{name}</c>.</summary>
    public long Version { get; init; }
}

/// <summary>A change to a user; null fields stay as they are.</summary>
public sealed record UserChange
{
    public string? DisplayName { get; init; }

    public string? PasswordHash { get; init; }

    public ImmutableArray<string>? Roles { get; init; }

    public bool? Disabled { get; init; }

    public DateTimeOffset At { get; init; }
}

/// <summary>One console user, keyed <c>{tenant}/{username}</c>.</summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Stores a new user; false when the name is taken.</summary>
    Task<bool> CreateAsync(UserRecord user);

    [ReadOnly]
    Task<UserRecord?> GetAsync();

    /// <summary>Applies <paramref name="change"/> when the user exists and (if given) is at <paramref name="expectedVersion"/>;
    /// null when there is no such user. A stale version throws <c>VersionConflictException</c> (412).</summary>
    Task<UserRecord?> UpdateAsync(UserChange change, long? expectedVersion);
}

/// <summary>The user names of a tenant, keyed <c>{tenant}</c>, so an admin can list them.</summary>
public interface ITenantUsersGrain : IGrainWithStringKey
{
    Task AddAsync(string username);

    [ReadOnly]
    Task<ImmutableArray<string>> ListAsync();
}
