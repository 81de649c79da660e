using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.State;

/// <summary>Group commit: writes that arrive together share a batch, and nobody hears back before the commit.</summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly GatedStore _store = new();
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RuntimeTestSilo.StartAsync(o => o.ConfigureServices = services =>
    {
        services.RemoveAll<IGrainStateStore>();
        services.AddSingleton<IGrainStateStore>(_store);
        services.Configure<Hosting.StateBatchingOptions>(b => b.MaxConcurrentBatches = 1);
    });

    public async Task DisposeAsync()
    {
        _store.Release(); // a failed test must not leave a commit held while the silo drains
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task Writes_from_many_grains_that_arrive_together_are_committed_in_one_batch_and_complete_only_after_it()
    {
        var counters = Enumerable.Range(0, 200).Select(i => _silo.Grains.GetGrain<ICounterGrain>($"group-{i}")).ToList();
        await Task.WhenAll(counters.Select(c => c.GetAsync())); // activated, nothing written yet
        _store.Hold();

        var first = counters[0].AddAsync(1); // takes the single batch slot and waits in the store
        await Eventually.EqualAsync(1, () => _store.Entered, "the first write is held in the store");
        var rest = counters.Skip(1).Select(c => c.AddAsync(1)).ToList();
        var batcher = _silo.Get<OrderCluster.Runtime.State.GrainWriteBatcher>();
        await Eventually.EqualAsync(199L, () => batcher.PendingCount, "the other 199 writes queue behind the held batch");

        Assert.False(first.IsCompleted);
        Assert.All(rest, t => Assert.False(t.IsCompleted, "no write completes before its commit"));
        _store.Release();
        await Task.WhenAll(rest.Append(first));

        Assert.Equal([1, 199], _store.BatchSizes.Take(2));
        Assert.Equal(200, _store.BatchSizes.Sum());
    }

    [Fact]
    public async Task A_write_the_store_rejects_fails_only_its_own_grain()
    {
        var counters = Enumerable.Range(0, 50).Select(i => _silo.Grains.GetGrain<ICounterGrain>($"healthy-{i}")).ToList();
        await Task.WhenAll(counters.Select(c => c.GetAsync()));
        await _silo.Grains.GetGrain<IPoisonWriterGrain>("bad").ActivateAsync();
        _store.Hold();

        var held = counters[0].AddAsync(1);
        await Eventually.EqualAsync(1, () => _store.Entered, "the first write is held in the store");
        var poisoned = _silo.Grains.GetGrain<IPoisonWriterGrain>("bad").WritePoisonAsync();
        var healthy = counters.Skip(1).Select(c => c.AddAsync(1)).ToList();
        var batcher = _silo.Get<OrderCluster.Runtime.State.GrainWriteBatcher>();
        await Eventually.EqualAsync(50L, () => batcher.PendingCount, "the poisoned write and 49 healthy ones queue up");
        _store.Release();

        await Assert.ThrowsAsync<InvalidOperationException>(() => poisoned);
        await Task.WhenAll(healthy.Append(held));
        Assert.Contains(_store.BatchSizes, size => size > 1); // the poison shared a batch with healthy writes
        foreach (var counter in counters) Assert.Equal(1, await counter.GetAsync());
    }
}
