using System.Text;
using System.Text.Json.Nodes;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>
/// The behaviour every grain state and durable timer store must have, with the in-memory store as the reference.
/// Each provider runs all of it through a subclass that says how to make a fresh database and open a store on it.
/// Times are explicit arguments (never the wall clock), so nothing waits.
/// </summary>
public abstract partial class GrainStoreConformanceTests : IAsyncLifetime
{
    /// <summary>A fixed origin for every time in these tests, far from the wall clock.</summary>
    protected static readonly DateTimeOffset T0 = new(2031, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    private readonly List<TestStore> _stores = [];
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    /// <summary>Cancels a test that hangs instead of letting it block the run.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>A new, empty database (a schema, a file, an in-memory store) that stores can be opened on.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    /// <summary>A new store instance on <paramref name="database"/>, not yet initialised.</summary>
    protected abstract TestStore OpenStore(string database);

    /// <summary>An initialised store on a fresh database.</summary>
    protected async Task<TestStore> NewStoreAsync() => await OpenInitializedAsync(await CreateDatabaseAsync());

    /// <summary>Another initialised store instance on <paramref name="database"/> (as a second silo, or a silo restarted).</summary>
    protected async Task<TestStore> OpenInitializedAsync(string database)
    {
        var store = Track(OpenStore(database));
        await store.State.InitializeAsync(Ct);
        return store;
    }

    protected TestStore Track(TestStore store)
    {
        lock (_stores) _stores.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        _timeout.Dispose();
    }

    protected static GrainId Grain(string key) => new("conformance", key);

    protected static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>Compares JSON documents, not bytes: PostgreSQL's jsonb normalises spacing and key order.</summary>
    protected static void AssertJson(string expected, byte[]? actual)
    {
        Assert.NotNull(actual);
        var actualText = Encoding.UTF8.GetString(actual);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actualText)),
            $"Expected JSON {expected} but found {actualText}.");
    }

    protected async Task<GrainWriteResult> WriteAsync(TestStore store, GrainId grain, string? json, long expectedVersion,
        params TimerChange[] timers)
    {
        var results = await store.State.CommitAsync(
            [new GrainWrite(grain, new StateChange("state", json is null ? null : Json(json), expectedVersion), timers)], Ct);
        return Assert.Single(results);
    }

    protected Task<IReadOnlyList<GrainWriteResult>> SetTimersAsync(TestStore store, GrainId grain, params TimerChange[] timers) =>
        store.State.CommitAsync([new GrainWrite(grain, null, timers)], Ct);

    protected Task<IReadOnlyList<DurableTimerRecord>> ClaimAsync(TestStore store, DateTimeOffset now, string owner = "silo-a",
        TimeSpan? lease = null, int limit = 100, DateTimeOffset? dueBefore = null, IReadOnlyList<HashRange>? ranges = null) =>
        store.Timers.ClaimDueAsync(dueBefore ?? now, ranges ?? HashRange.Everything, owner, now, now + (lease ?? TimeSpan.FromMinutes(1)),
            limit, Ct);

    protected static TimerAcknowledgement Ack(DurableTimerRecord timer, DateTimeOffset? nextDueAt = null) =>
        new(timer.GrainId, timer.Name, timer.Version, nextDueAt);
}
