using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>
/// Many callers at once: every command of a thousand concurrent ones on one order is kept, with its audit entry,
/// its version and its event; a hundred concurrent creates with one client reference make one order.
/// </summary>
public abstract class ConcurrencyTests : DomainStorageTests
{
    [Fact]
    public async Task A_thousand_concurrent_notes_lose_nothing_and_leave_a_complete_audit_trail()
    {
        const int notes = 1_000;
        var order = Grains.Order("acme", "busy");
        await order.CreateAsync(Order());

        var results = await Task.WhenAll(Enumerable.Range(0, notes).Select(i =>
            order.AddNoteAsync(new AddNote { Actor = Actor($"user-{i % 7}", $"User {i % 7}"), Text = $"note {i}" })));

        Assert.Equal(Enumerable.Range(2, notes).Select(v => (long)v), results.Select(r => r.Version).Order());
        var stored = await ReadAllAsync(c => order.GetNotesAsync(c));
        Assert.Equal(Enumerable.Range(0, notes).Select(i => $"note {i}").Order(), stored.Select(n => n.Text).Order());
        Assert.Equal(Enumerable.Range(1, notes).Select(i => $"n{i}"), stored.Select(n => n.NoteId));
        Assert.Equal(results.Select(r => r.CreatedId).Order(), stored.Select(n => n.NoteId).Order());

        var audit = await ReadAllAsync(c => order.GetAuditTrailAsync(c));
        Assert.Equal(Enumerable.Range(1, notes + 1).Select(v => (long)v), audit.Select(a => a.Sequence));
        Assert.All(audit.Skip(1), a => Assert.Equal(("add-note", $"notes[{results.Single(r => r.Version == a.Sequence).CreatedId}].text"),
            (a.Action, a.Changes.First().Path)));

        var events = await order.GetEventsAsync(0, 1_000);
        var more = await order.GetEventsAsync(events[^1].Sequence, 1_000);
        var all = events.Concat(more).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(s => (long)s), all.Select(e => e.Sequence));
        Assert.Equal(notes, all.OfType<NoteAdded>().Count());
        Assert.Equal(notes + 1, (await order.GetAsync()).Version);
    }

    [Fact]
    public async Task A_hundred_concurrent_creates_with_one_client_reference_make_exactly_one_order()
    {
        var command = Order("c-ref") with { ClientReference = "AMZ-302-1234567" };
        var reference = Grains.Reference("acme", "AMZ-302-1234567");

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => reference.CreateOrderAsync(command)));

        var orderId = Assert.Single(results.Select(r => r.OrderId).Distinct());
        Assert.Single(results, r => !r.Replayed);
        Assert.Equal(orderId, await reference.GetOrderIdAsync());
        Assert.Equal(1, (await Grains.Customer("acme", "c-ref").GetAsync()).Lifetime.OrderCount);
        Assert.Equal("AMZ-302-1234567", (await Grains.Order("acme", orderId).GetAsync()).ClientReference);
    }

    [Fact]
    public async Task The_same_client_reference_with_another_body_is_refused_and_a_refused_body_frees_it()
    {
        var reference = Grains.Reference("acme", "EBAY-9");
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            reference.CreateOrderAsync(Order() with { ClientReference = "EBAY-9", Currency = "?" }));
        var created = await reference.CreateOrderAsync(Order() with { ClientReference = "EBAY-9" });

        var reused = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            reference.CreateOrderAsync(OrderOf(1m) with { ClientReference = "EBAY-9" }));

        Assert.Equal(["currency"], invalid.Error.FieldNames);
        Assert.False(created.Replayed);
        Assert.Equal((ErrorCodes.ClientReferenceReused, DomainErrorKind.IdempotencyConflict), (reused.Code, reused.Error.Kind));
        Assert.Contains(created.OrderId, reused.Message);
    }

    private static async Task<List<T>> ReadAllAsync<T>(Func<PageRequest, Task<Page<T>>> read)
    {
        var items = new List<T>();
        var request = new PageRequest { Limit = PageRequest.MaxLimit, Order = SortOrder.OldestFirst };
        while (true)
        {
            var page = await read(request);
            items.AddRange(page.Items);
            if (page.NextCursor is null) return items;
            request = request with { Cursor = page.NextCursor };
        }
    }
}

public sealed class MemoryConcurrencyTests : ConcurrencyTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteConcurrencyTests(SqliteDatabaseFixture sqlite) : ConcurrencyTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresConcurrencyTests : ConcurrencyTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
