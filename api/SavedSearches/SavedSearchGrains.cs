using OrderCluster.Api.Orders.Index;

namespace OrderCluster.Api.SavedSearches;

/// <summary>A named order search of a tenant.</summary>
public sealed record SavedSearch
{
    public required string Name { get; init; }

    public required OrderFilter Filter { get; init; }

    public string? SavedBy { get; init; }

    public DateTimeOffset SavedAt { get; init; }
}

/// <summary>A tenant's saved searches, keyed <c>{tenant}</c>.</summary>
public interface ISavedSearchesGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the search of that name; refused past the limit of searches per tenant.</summary>
    Task<SavedSearch> SaveAsync(SavedSearch search);

    /// <summary>False when there is no search of that name.</summary>
    Task<bool> RemoveAsync(string name);

    [ReadOnly]
    Task<SavedSearch?> GetAsync(string name);

    [ReadOnly]
    Task<ImmutableArray<SavedSearch>> ListAsync();
}

internal sealed class SavedSearchesState
{
    public List<SavedSearch> Searches { get; set; } = [];
}

internal sealed class SavedSearchesGrain([PersistentState("saved-searches")] IPersistentState<SavedSearchesState> state) : Grain, ISavedSearchesGrain
{
    /// <summary>Keeps the tenant's document small.</summary>
    public const int MaxPerTenant = 500;

    public async Task<SavedSearch> SaveAsync(SavedSearch search)
    {
        var searches = state.State.Searches;
        var index = searches.FindIndex(s => s.Name == search.Name);
        if (index < 0 && searches.Count >= MaxPerTenant)
            throw new OrderRuleViolationException(ErrorCodes.LimitReached, $"A tenant keeps at most {MaxPerTenant} saved searches.");
        if (index < 0) searches.Add(search);
        else searches[index] = search;
        await state.WriteStateAsync();
        return search;
    }

    public async Task<bool> RemoveAsync(string name)
    {
        if (state.State.Searches.RemoveAll(s => s.Name == name) == 0) return false;
        await state.WriteStateAsync();
        return true;
    }

    public Task<SavedSearch?> GetAsync(string name) => Task.FromResult(state.State.Searches.Find(s => s.Name == name));

    public Task<ImmutableArray<SavedSearch>> ListAsync() => Task.FromResult(state.State.Searches.OrderBy(s => s.Name, StringComparer.Ordinal).ToImmutableArray());
}
