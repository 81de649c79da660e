namespace OrderCluster.Api.Users;

internal sealed class UserState
{
    public UserRecord? User { get; set; }
}

internal sealed class UserGrain([PersistentState("user")] IPersistentState<UserState> state) : Grain, IUserGrain
{
    public async Task<bool> CreateAsync(UserRecord user)
    {
        if (state.State.User is not null || TenantKeys.For(user.TenantId, user.Username) != GetPrimaryKeyString()) return false;
        state.State.User = user with { Version = 1 };
        await state.WriteStateAsync();
        return true;
    }

    public Task<UserRecord?> GetAsync() => Task.FromResult(state.State.User);

    public async Task<UserRecord?> UpdateAsync(UserChange change, long? expectedVersion)
    {
        if (state.State.User is not { } user) return null;
        if (expectedVersion is { } expected && expected != user.Version) throw new VersionConflictException("user", expected, user.Version);
        state.State.User = user with
        {
            DisplayName = change.DisplayName ?? user.DisplayName,
            PasswordHash = change.PasswordHash ?? user.PasswordHash,
            Roles = change.Roles ?? user.Roles,
            Disabled = change.Disabled ?? user.Disabled,
            UpdatedAt = change.At,
            Version = user.Version + 1,
        };
        await state.WriteStateAsync();
        return state.State.User;
    }
}

internal sealed class TenantUsersState
{
    public List<string> Usernames { get; set; } = [];
}

internal sealed class TenantUsersGrain([PersistentState("users")] IPersistentState<TenantUsersState> state) : Grain, ITenantUsersGrain
{
    public async Task AddAsync(string username)
    {
        if (state.State.Usernames.Contains(username)) return;
        state.State.Usernames.Add(username);
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Usernames.ToImmutableArray());
}
