using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>The tracking timeline and the events it is read from.</summary>
public sealed class TimelineTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DomainTestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task The_timeline_tells_the_orders_story_in_order()
    {
        var order = _silo.Grains.Order("acme", "o-1");
        await order.CreateAsync(OrderOf(12_000m));
        await order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "customer is in a hurry" });
        await order.ApproveAsync(new ApproveOrder { Actor = Manager, Comment = "ok" });
        await order.LogCommunicationAsync(new LogCommunication { Actor = Clerk, Party = "jane@example.com", Subject = "Approved", Summary = "told her" });
        await order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "po.pdf", ContentType = "application/pdf" }, [1, 2, 3]);
        await order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = ["rush"] });
        await order.PerformActionAsync(Action("allocate", Warehouse));

        var timeline = await order.GetTimelineAsync(new PageRequest { Order = SortOrder.OldestFirst, Limit = 100 });

        Assert.Equal(Enumerable.Range(1, timeline.Total).Select(i => (long)i), timeline.Items.Select(t => t.Sequence));
        Assert.Equal(
        [
            TimelineCategory.Created, TimelineCategory.Status, TimelineCategory.Status, TimelineCategory.Sla, TimelineCategory.Status,
            TimelineCategory.Sla, TimelineCategory.Approval, TimelineCategory.Note, TimelineCategory.Approval, TimelineCategory.Status,
            TimelineCategory.Sla, TimelineCategory.Communication, TimelineCategory.Attachment, TimelineCategory.Tags, TimelineCategory.Status,
        ], timeline.Items.Select(t => t.Category));
        Assert.Contains(timeline.Items, t => t.Title == "Approval requested: manager" && t.Detail!.Contains("large-order"));
        Assert.Contains(timeline.Items, t => t.Category == TimelineCategory.Note && t.Detail == "customer is in a hurry");
        Assert.Contains(timeline.Items, t => t.Title == "Status approved → allocated" && t.Actor.UserId == "warehouse-1");
    }

    [Fact]
    public async Task Edits_show_their_changed_fields_as_highlights()
    {
        var order = _silo.Grains.Order("acme", "o-2");
        await order.CreateAsync(Order());

        await order.ChangeFulfilmentAsync(new ChangeFulfilment { Actor = Clerk, ShippingAddress = Address(city: "Munich") });

        var edit = (await order.GetTimelineAsync(PageRequest.First(1))).Items.Single();
        Assert.Equal((TimelineCategory.Edit, "Edited (change-fulfilment)"), (edit.Category, edit.Title));
        Assert.Equal<string>(["shippingAddress.city"], edit.Fields);
    }

    [Fact]
    public async Task Events_carry_tenant_order_time_actor_and_gapless_sequence_numbers()
    {
        var order = _silo.Grains.Order("acme", "o-3");
        await order.CreateAsync(Order());
        await order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "a" });

        var events = await order.GetEventsAsync(0, 100);
        var afterTwo = await order.GetEventsAsync(2, 2);

        Assert.All(events, e => Assert.Equal(("acme", "o-3"), (e.TenantId, e.OrderId)));
        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal([3L, 4], afterTwo.Select(e => e.Sequence));
        var note = events.OfType<NoteAdded>().Single();
        Assert.Equal(("clerk-1", "add-note", 2L), (note.Actor.UserId, note.Action, note.OrderVersion));
        Assert.Equal(OrderEventTypes.NoteAdded, note.EventType);
    }
}
