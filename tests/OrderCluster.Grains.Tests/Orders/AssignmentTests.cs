using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>
/// The order's assignee: assigning and unassigning is a command like any other (audit entry with before and after,
/// timeline entry, event on the order's stream), a final order refuses it, and concurrent assigners on one version
/// leave exactly one winner.
/// </summary>
public sealed class AssignmentTests : DomainStorageTests
{
    private const string Tenant = "acme";

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    [Fact]
    public async Task Assigning_and_unassigning_is_audited_on_the_timeline_and_raised_as_events()
    {
        var order = Grains.Order(Tenant, "o-1");
        await order.CreateAsync(Order());

        var assigned = await order.AssignAsync(new AssignOrder { Actor = Manager, Assignee = "agent-7", Reason = "VIP desk" });
        var again = await order.AssignAsync(new AssignOrder { Actor = Manager, Assignee = "agent-7" });
        var moved = await order.AssignAsync(new AssignOrder { Actor = Manager, Assignee = "agent-9" });
        var cleared = await order.AssignAsync(new AssignOrder { Actor = Manager, Assignee = null });

        Assert.True(again.Replayed); // the same assignee again changes nothing
        Assert.Equal((assigned.Version + 1, moved.Version + 1), (moved.Version, cleared.Version));
        Assert.Null((await order.GetAsync()).Assignee);
        var audit = (await order.GetAuditTrailAsync(new PageRequest { Order = SortOrder.OldestFirst, Limit = 100 })).Items;
        var changes = audit.Where(a => a.Action == "assign").Select(a => a.Changes.Single(c => c.Path == "assignee")).Select(c => (c.Before, c.After));
        Assert.Equal([(null, "agent-7"), ("agent-7", "agent-9"), ("agent-9", null)], changes);
        var events = (await order.GetEventsAsync(0, 100)).OfType<OrderAssigned>().ToList();
        Assert.Equal([(null, "agent-7"), ("agent-7", "agent-9"), ("agent-9", null)], events.Select(e => (e.From, e.To)));
        Assert.Equal(OrderEventTypes.OrderAssigned, events[0].EventType);
        var timeline = (await order.GetTimelineAsync(new PageRequest { Order = SortOrder.OldestFirst, Limit = 100 })).Items
            .Where(t => t.Category == TimelineCategory.Assignment).Select(t => t.Title);
        Assert.Equal(["Assigned to agent-7", "Assigned to agent-9 (was agent-7)", "Unassigned (was agent-9)"], timeline);
    }

    [Fact]
    public async Task A_final_order_or_a_malformed_assignee_is_refused_with_the_reason()
    {
        var order = Grains.Order(Tenant, "o-1");
        await order.CreateAsync(Order());
        var malformed = await Assert.ThrowsAsync<ValidationFailedException>(() => order.AssignAsync(new AssignOrder { Actor = Manager, Assignee = "two words" }));
        await order.PerformActionAsync(Action("cancel", Manager, "customer asked"));

        var final = await Assert.ThrowsAsync<OrderRuleViolationException>(() => order.AssignAsync(new AssignOrder { Actor = Manager, Assignee = "agent-7" }));

        Assert.Equal(["assignee"], malformed.Error.FieldNames);
        Assert.Equal(ErrorCodes.OrderNotEditable, final.Code);
        Assert.Contains("cancelled", final.Message);
    }

    [Fact]
    public async Task Fifty_concurrent_assigners_on_one_version_leave_exactly_one_winner_and_the_rest_version_conflicts()
    {
        var order = Grains.Order(Tenant, "o-1");
        var created = await order.CreateAsync(Order());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                await order.AssignAsync(new AssignOrder { Actor = Manager, Assignee = $"agent-{i}", ExpectedVersion = created.Version });
                return $"agent-{i}";
            }
            catch (VersionConflictException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        var snapshot = await order.GetAsync();
        Assert.Equal((winner, created.Version + 1), (snapshot.Assignee, snapshot.Version));
    }
}
