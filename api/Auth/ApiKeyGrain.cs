namespace OrderCluster.Api.Auth;

internal sealed class ApiKeyState
{
    public ApiKeyRecord? Key { get; set; }
}

internal sealed class ApiKeyGrain([PersistentState("api-key")] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task<bool> CreateAsync(ApiKeyRecord record)
    {
        if (state.State.Key is not null || record.KeyId != GetPrimaryKeyString()) return false;
        state.State.Key = record;
        await state.WriteStateAsync();
        return true;
    }

    public Task<ApiKeyRecord?> GetAsync() => Task.FromResult(state.State.Key);

    public async Task<bool> RevokeAsync(string tenantId, DateTimeOffset at)
    {
        if (state.State.Key is not { } key || key.TenantId != tenantId) return false;
        if (key.RevokedAt is not null) return true;
        state.State.Key = key with { RevokedAt = at };
        await state.WriteStateAsync();
        return true;
    }
}

internal sealed class TenantApiKeysState
{
    public List<string> KeyIds { get; set; } = [];
}

internal sealed class TenantApiKeysGrain([PersistentState("api-keys")] IPersistentState<TenantApiKeysState> state) : Grain, ITenantApiKeysGrain
{
    public async Task AddAsync(string keyId)
    {
        if (state.State.KeyIds.Contains(keyId)) return;
        state.State.KeyIds.Add(keyId);
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.KeyIds.ToImmutableArray());
}
