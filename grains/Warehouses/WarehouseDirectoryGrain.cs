using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Grains.Warehouses;

public sealed record WarehouseDirectoryState
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Warehouse id → active.</summary>
    public ImmutableSortedDictionary<string, bool> Warehouses { get; init; } = ImmutableSortedDictionary<string, bool>.Empty;
}

/// <summary>A tenant's warehouses, keyed <c>{tenant}</c>; each warehouse lists itself when configured. It never calls warehouses back.</summary>
internal sealed class WarehouseDirectoryGrain(
    [PersistentState("warehouse-directory")] IPersistentState<WarehouseDirectoryState> state) : Grain, IWarehouseDirectoryGrain
{
    public async Task RegisterAsync(string warehouseId, bool active)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        if (state.State.Warehouses.TryGetValue(warehouseId, out var known) && known == active) return;
        state.State = state.State with { Warehouses = state.State.Warehouses.SetItem(warehouseId, active) };
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> ListAsync(bool activeOnly) =>
        Task.FromResult(state.State.Warehouses.Where(w => !activeOnly || w.Value).Select(w => w.Key).ToImmutableArray());
}
