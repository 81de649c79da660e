using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Tests.Storage;

/// <summary>What consumers keep in the store besides cursors: dead letters and explicit subscriptions.</summary>
public abstract partial class GrainStoreConformanceTests
{
    [Fact]
    public async Task Dead_letters_are_stored_whole_and_listed_oldest_first_per_group_or_all_up_to_the_limit()
    {
        var store = await NewStoreAsync();
        DeadLetter[] letters =
        [
            Letter("analytics", 1, """{"sku":"A-1","qty":2,"nested":{"b":1,"a":[true,null]}}"""),
            Letter("search", 2),
            Letter("analytics", 3),
            Letter("analytics", 4),
        ];

        var ids = new List<long>();
        foreach (var letter in letters) ids.Add(await store.Streams.AddDeadLetterAsync(letter, Ct));
        var stored = letters.Select((letter, i) => letter with { Id = ids[i] }).ToArray();

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids[0] > 0);
        AssertLetters([stored[0], stored[2], stored[3]], await store.Streams.ListDeadLettersAsync("analytics", 10, Ct));
        AssertLetters([stored[0], stored[2]], await store.Streams.ListDeadLettersAsync("analytics", 2, Ct));
        AssertLetters(stored, await store.Streams.ListDeadLettersAsync(null, 10, Ct));
        AssertLetters([stored[0], stored[1], stored[2]], await store.Streams.ListDeadLettersAsync(null, 3, Ct));
        AssertLetters([stored[1]], await store.Streams.ListDeadLettersAsync("search", 10, Ct));
        Assert.Empty(await store.Streams.ListDeadLettersAsync("nobody", 10, Ct));
        Assert.Empty(await store.Streams.ListDeadLettersAsync(null, 0, Ct));
    }

    [Fact]
    public async Task Dead_letters_are_got_deleted_and_counted_by_id_and_ids_are_never_reused()
    {
        var store = await NewStoreAsync();
        var first = await store.Streams.AddDeadLetterAsync(Letter("analytics", 1), Ct);
        var second = await store.Streams.AddDeadLetterAsync(Letter("search", 2), Ct);
        var third = await store.Streams.AddDeadLetterAsync(Letter("analytics", 3), Ct);
        var counted = await store.Streams.CountDeadLettersAsync(Ct);

        var got = await store.Streams.GetDeadLetterAsync(second, Ct);
        var deleted = await store.Streams.DeleteDeadLetterAsync(third, Ct);
        var deletedAgain = await store.Streams.DeleteDeadLetterAsync(third, Ct);
        var deletedSearch = await store.Streams.DeleteDeadLetterAsync(second, Ct);
        var fourth = await store.Streams.AddDeadLetterAsync(Letter("analytics", 4), Ct);

        Assert.Equal(new Dictionary<string, long> { ["analytics"] = 2, ["search"] = 1 }, counted);
        AssertLetters([Letter("search", 2) with { Id = second }], [got!]);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.True(deletedSearch);
        Assert.Null(await store.Streams.GetDeadLetterAsync(third, Ct));
        Assert.Null(await store.Streams.GetDeadLetterAsync(fourth + 100, Ct));
        Assert.True(fourth > third);
        Assert.Equal(new Dictionary<string, long> { ["analytics"] = 2 }, await store.Streams.CountDeadLettersAsync(Ct));
        Assert.Equal([first, fourth], (await store.Streams.ListDeadLettersAsync(null, 10, Ct)).Select(d => d.Id));
    }

    [Fact]
    public async Task Subscriptions_are_saved_replaced_listed_by_id_and_deleted()
    {
        var store = await NewStoreAsync();
        var empty = await store.Streams.ListSubscriptionsAsync(Ct);
        var forecast = new StreamSubscriptionRecord("sub-b", "orders", null, new GrainId("forecast", "daily"), T0.AddMilliseconds(250));
        var follower = new StreamSubscriptionRecord("sub-a", "customers", "customer-7", new GrainId("follower", "ops"), T0);
        var moved = new StreamSubscriptionRecord("sub-a", "orders", "order-9", new GrainId("follower", "planner"), T0.AddMinutes(1));

        await store.Streams.SaveSubscriptionAsync(forecast, Ct);
        await store.Streams.SaveSubscriptionAsync(follower, Ct);
        var both = await store.Streams.ListSubscriptionsAsync(Ct);
        await store.Streams.SaveSubscriptionAsync(moved, Ct);
        var replaced = await store.Streams.ListSubscriptionsAsync(Ct);
        var deleted = await store.Streams.DeleteSubscriptionAsync("sub-b", Ct);
        var deletedAgain = await store.Streams.DeleteSubscriptionAsync("sub-b", Ct);

        Assert.Empty(empty);
        Assert.Equal([follower, forecast], both);
        Assert.Equal([moved, forecast], replaced);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal([moved], await store.Streams.ListSubscriptionsAsync(Ct));
    }

    private static DeadLetter Letter(string group, int n, string payload = """{"n":1}""") =>
        new(0, group, new StoredStreamEvent(n % 3, 100 + n, Stream($"order-{n}"), n, "changed", payload, T0.AddMilliseconds(n)),
            $"InvalidOperationException: attempt {n} failed\n  at Consumer.Handle()", 5, T0.AddMinutes(n).AddMilliseconds(17));

    private static void AssertLetters(IReadOnlyList<DeadLetter> expected, IReadOnlyList<DeadLetter> actual) =>
        Assert.Equal(expected.Select(d => d with { Event = Canonical(d.Event) }), actual.Select(d => d with { Event = Canonical(d.Event) }));
}
