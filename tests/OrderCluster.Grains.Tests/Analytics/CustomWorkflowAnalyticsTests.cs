using Microsoft.Extensions.DependencyInjection;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Forecasting;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Analytics;

/// <summary>
/// KPIs on a tenant workflow whose statuses are named otherwise (received, cleared, reserved, in-pick, boxed, dispatched,
/// paused, voided): placed, shipped, cancelled and held are read through the workflow (the place action, the states'
/// fulfilment stages, the cancellation and hold states), not through the default workflow's names.
/// </summary>
public sealed class CustomWorkflowAnalyticsTests : DomainStorageTests
{
    private const string Tenant = "acme";
    private static readonly DateTimeOffset From = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset To = DateTimeOffset.MaxValue.AddDays(-2);

    private static readonly Dictionary<string, (string Name, FulfilmentStage? Stage)> Renamed = new()
    {
        ["placed"] = ("received", null), ["approved"] = ("cleared", null), ["allocated"] = ("reserved", FulfilmentStage.Allocated),
        ["picking"] = ("in-pick", FulfilmentStage.Picking), ["packed"] = ("boxed", FulfilmentStage.Packed),
        ["shipped"] = ("dispatched", FulfilmentStage.Shipped), ["delivered"] = ("handed-over", FulfilmentStage.Delivered),
        ["on-hold"] = ("paused", null), ["cancelled"] = ("voided", null),
    };

    protected override TestStorage Storage => TestStorage.Memory;

    protected override Task<string?> CreateDatabaseAsync() => TestDatabases.CreateAsync(Storage);

    protected override void Configure(TestSiloOptions options)
    {
        base.Configure(options);
        var previous = options.ConfigureServices;
        options.ConfigureServices = services =>
        {
            previous?.Invoke(services);
            services.Configure<ForecastingOptions>(o => o.AutoStart = false); // KPIs only: no forecast timers
        };
    }

    private static string R(string name) => Renamed.TryGetValue(name, out var to) ? to.Name : name;

    [Fact]
    public async Task Shipped_cancelled_held_and_placed_to_shipped_follow_the_orders_own_workflow()
    {
        var d = await Workflows.DefaultAsync(Grains, Tenant);
        await Grains.Workflows(Tenant).PublishAsync(new PublishWorkflow
        {
            Actor = Admin,
            Definition = d with
            {
                InitialState = R(d.InitialState),
                States = [.. d.States.Select(s => s with { Name = R(s.Name), Stage = Renamed.TryGetValue(s.Name, out var to) ? to.Stage : null })],
                Transitions = [.. d.Transitions.Select(t => t with { From = [.. t.From.Select(R)], To = R(t.To) })],
                Approval = d.Approval with
                {
                    TriggerState = R(d.Approval.TriggerState), PendingState = R(d.Approval.PendingState),
                    ApprovedState = R(d.Approval.ApprovedState), RejectedState = R(d.Approval.RejectedState),
                },
                Hold = d.Hold with { State = R(d.Hold.State), From = [.. d.Hold.From.Select(R)] },
                EditableStates = [.. d.EditableStates.Select(R)],
            },
        });
        string[] ids = ["shipped", "voided", "held"];
        foreach (var id in ids) await Grains.Order(Tenant, id).CreateAsync(Order("c-1"));
        foreach (var action in new[] { "allocate", "start-picking", "pack", "ship" })
        {
            Clock.Advance(TimeSpan.FromMinutes(7));
            await Grains.Order(Tenant, "shipped").PerformActionAsync(Action(action, Warehouse));
        }

        await Grains.Order(Tenant, "voided").PerformActionAsync(Action("cancel", Manager, "customer asked"));
        await Grains.Order(Tenant, "held").PerformActionAsync(Action("hold", Manager, "address check"));

        var expected = await KpiRecomputation.FromOrdersAsync(Grains, Tenant, ids);
        await AdvanceUntilAsync(async () => (await TenantAnalytics.GetProgressAsync(Grains, Tenant)).Sum(p => p.LastSequenceSum) >= expected.LastSequenceSum,
            "analytics caught up with every order event", TimeSpan.FromMinutes(30));
        var actual = await KpiRecomputation.FromAnalyticsAsync(Grains, Tenant, From, To);

        Assert.Equal(["dispatched", "voided", "paused"], await Task.WhenAll(ids.Select(async id => (await Grains.Order(Tenant, id).GetAsync()).Status)));
        var day = actual.Cells.Where(c => c.Key is { Grain: TimeGrain.Day, Dimension: "" }).Select(c => c.Value).Aggregate(KpiFigures.Zero, (a, b) => a.Plus(b));
        Assert.Equal((3L, 1L, 1L, 1L), (day.Orders, day.Shipped, day.Cancelled, day.Corrections));
        Assert.Equal((long)TimeSpan.FromMinutes(28).TotalMilliseconds, day.PlacedToShippedMs); // received at creation, dispatched 4 × 7 minutes later
        foreach (var (key, figures) in expected.Cells)
            Assert.True(actual.Cells.TryGetValue(key, out var got) && got == figures, $"{key}: expected {figures}, got {got?.ToString() ?? "nothing"}");
        Assert.Equal(expected.Cells.Keys.Order().ToList(), actual.Cells.Keys.Order().ToList());
    }
}
