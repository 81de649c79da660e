using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Storage;
using OrderCluster.Testing.Silos;
using OrderCluster.Testing.Sqlite;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>
/// Order events are published to the order's stream with the state that raised them, numbered as the order numbers them,
/// and read back as <see cref="OrderEvent"/> on every provider (PostgreSQL's jsonb reorders the payload's keys).
/// </summary>
public abstract class OrderStreamTests : DomainStorageTests
{

    [Fact]
    public async Task Every_order_event_is_on_the_orders_stream_in_order_with_its_type_and_sequence()
    {
        var order = Grains.Order("acme", "streamed");
        await order.CreateAsync(OrderOf(12_000m));
        await order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "call first" });
        await order.ApproveAsync(new ApproveOrder { Actor = Manager, Comment = "ok" });
        var timeline = await order.GetTimelineAsync(new PageRequest { Order = SortOrder.OldestFirst, Limit = 100 });

        var published = await ReadStreamAsync("acme/streamed");

        Assert.Equal(timeline.Items.Select(t => t.Sequence), published.Select(e => e.Sequence));
        var events = published.Select(e => e.Read(GrainInterfacesJsonContext.Default.OrderEvent)).ToList();
        Assert.Equal(published.Select(e => e.Sequence), events.Select(e => e.Sequence));
        Assert.Equal(published.Select(e => e.EventType), events.Select(e => e.EventType));
        Assert.IsType<OrderCreated>(events[0]);
        Assert.Contains(events, e => e is NoteAdded);
        Assert.Contains(events, e => e is ApprovalGranted);
        Assert.All(events, e => Assert.Equal(("acme", "streamed"), (e.TenantId, e.OrderId)));
    }

    [Fact]
    public async Task A_refused_command_publishes_nothing()
    {
        var order = Grains.Order("acme", "refused");
        await order.CreateAsync(Order());
        var before = await ReadStreamAsync("acme/refused");

        await Assert.ThrowsAnyAsync<DomainException>(() => order.PerformActionAsync(Action("deliver", Warehouse)));

        Assert.Equal(before.Select(e => e.Sequence), (await ReadStreamAsync("acme/refused")).Select(e => e.Sequence));
        Assert.NotEmpty(before);
    }

    private async Task<IReadOnlyList<StreamEvent>> ReadStreamAsync(string orderKey)
    {
        var stream = OrderStreams.Of(orderKey);
        var store = Silo.Get<IStreamStore>();
        var partitions = Silo.Get<Microsoft.Extensions.Options.IOptions<Runtime.Streams.StreamOptions>>().Value.Partitions;
        var stored = await store.ReadAsync(stream.PartitionOf(partitions), 0, [stream.Namespace], stream.Key, 1000, default);
        return stored.Select(s => new StreamEvent(s.Stream, s.Sequence, s.EventType, s.PayloadJson, s.CreatedAt)).ToList();
    }
}

public sealed class MemoryOrderStreamTests : OrderStreamTests
{
    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}

public sealed class SqliteOrderStreamTests(SqliteDatabaseFixture sqlite) : OrderStreamTests, IClassFixture<SqliteDatabaseFixture>
{
    protected override TestStorage Storage => TestStorage.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage, sqlite);
}

public sealed class PostgresOrderStreamTests : OrderStreamTests
{
    protected override TestStorage Storage => TestStorage.Postgres;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);
}
