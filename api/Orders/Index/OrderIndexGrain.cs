namespace OrderCluster.Api.Orders.Index;

internal sealed class OrderIndexBucketState
{
    public List<OrderIndexEntry> Entries { get; set; } = [];
}

internal sealed class OrderIndexBucketGrain([PersistentState("orders")] IPersistentState<OrderIndexBucketState> state) : Grain, IOrderIndexBucketGrain
{
    public async Task AddAsync(OrderIndexEntry entry)
    {
        if (state.State.Entries.Exists(e => e.OrderId == entry.OrderId)) return;
        state.State.Entries.Add(entry);
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<OrderIndexEntry>> ListAsync() => Task.FromResult(state.State.Entries.ToImmutableArray());
}

internal sealed class OrderIndexDirectoryState
{
    public SortedSet<string> Buckets { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class OrderIndexDirectoryGrain([PersistentState("buckets")] IPersistentState<OrderIndexDirectoryState> state) : Grain, IOrderIndexDirectoryGrain
{
    public async Task AddBucketAsync(string bucket)
    {
        if (!state.State.Buckets.Add(bucket)) return;
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> ListBucketsAsync() => Task.FromResult(state.State.Buckets.ToImmutableArray());
}
