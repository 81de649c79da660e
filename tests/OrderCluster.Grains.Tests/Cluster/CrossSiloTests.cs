using Microsoft.Extensions.Configuration;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Runtime;
using OrderCluster.Testing.Cluster;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Cluster;

/// <summary>
/// The domain on two silos over real TCP: every call is made from both silos, so for every grain one of the two calls
/// is remote. Commands, results and typed domain errors (with their fields and versions) cross silos intact.
/// </summary>
public sealed class CrossSiloTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    private IEnumerable<IGrainFactory> BothSilos => _cluster.Silos.Select(s => s.Grains);

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(2, o =>
    {
        o.GrainAssemblies.Add(typeof(GrainInterfacesJsonContext).Assembly);
        o.GrainAssemblies.Add(typeof(GrainsJsonContext).Assembly);
        o.JsonResolvers.Add(GrainInterfacesJsonContext.Default);
        o.JsonResolvers.Add(GrainsJsonContext.Default);
        o.ConfigureServices = services => services.AddOrderDomain(new ConfigurationBuilder().Build());
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Orders_customers_and_drafts_work_from_either_silo()
    {
        await _cluster.Grains.Customer("acme", "c-1").SaveProfileAsync(new SaveCustomerProfile { Actor = Admin, Profile = Profile() });
        var i = 0;
        foreach (var grains in BothSilos)
        {
            i++;
            var created = await grains.Reference("acme", $"REF-{i}").CreateOrderAsync(OrderOf(60_000m, "c-1") with { ClientReference = $"REF-{i}" });
            var order = grains.Order("acme", created.OrderId);
            await order.ApproveAsync(new ApproveOrder { Actor = Manager });
            await order.ApproveAsync(new ApproveOrder { Actor = FinanceOfficer });
            await order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "po.pdf", ContentType = "application/pdf" }, [1, 2, 3, (byte)i]);

            var snapshot = await order.GetAsync();
            var download = await order.DownloadAttachmentAsync("a1");
            var timeline = await order.GetTimelineAsync(new PageRequest { Limit = 100 });
            var events = await order.GetEventsAsync(0, 100);

            Assert.Equal(("approved", 4L), (snapshot.Status, snapshot.Version));
            Assert.Equal([1, 2, 3, (byte)i], download.Content);
            Assert.Equal(events.Length, timeline.Total);
            Assert.Equal(Enumerable.Range(1, events.Length).Select(n => (long)n), events.Select(e => e.Sequence));
        }

        Assert.Equal(2, (await _cluster.Silos[1].Grains.Customer("acme", "c-1").GetAsync()).Lifetime.OrderCount);
    }

    [Fact]
    public async Task Typed_domain_errors_cross_silos_with_their_data()
    {
        await _cluster.Grains.Order("acme", "o-1").CreateAsync(Order());
        foreach (var grains in BothSilos)
        {
            var order = grains.Order("acme", "o-1");

            var stale = await Assert.ThrowsAsync<VersionConflictException>(() => order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "x", ExpectedVersion = 9 }));
            var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => order.ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Add = [Line("", 0, 1m)] }));
            var illegal = await Assert.ThrowsAsync<OrderRuleViolationException>(() => order.PerformActionAsync(Action("ship", Admin)));
            var missing = await Assert.ThrowsAsync<NotFoundException>(() => grains.Order("other", "o-1").GetAsync());

            Assert.Equal((1L, DomainErrorKind.VersionConflict), (stale.CurrentVersion, stale.Error.Kind));
            Assert.Equal(["add[0].quantity", "add[0].sku"], invalid.Error.FieldNames.Order());
            Assert.Equal<string>(["allocate", "cancel", "hold"], illegal.Error.AllowedActions);
            Assert.Equal(ErrorCodes.OrderNotFound, missing.Code);
        }
    }
}
