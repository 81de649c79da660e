using System.Collections.Concurrent;
using OrderCluster.Runtime.Storage.Memory;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>The reference store. A "database" is one store instance: a new instance on it is the same object.</summary>
public sealed class MemoryGrainStoreConformanceTests : GrainStoreConformanceTests
{
    private readonly ConcurrentDictionary<string, MemoryGrainStore> _databases = new();

    protected override Task<string> CreateDatabaseAsync()
    {
        var name = Guid.NewGuid().ToString("N");
        _databases[name] = new MemoryGrainStore();
        return Task.FromResult(name);
    }

    protected override TestStore OpenStore(string database)
    {
        var store = _databases[database];
        return new TestStore(store, store, store, owner: null);
    }
}
