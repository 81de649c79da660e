using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains;
using OrderCluster.Grains.Analytics;
using OrderCluster.Testing;
using OrderCluster.Testing.Cluster;

namespace OrderCluster.Dashboard.Tests.Planner;

/// <summary>
/// A 1-silo TestCluster (PostgreSQL) with the real order, analytics and forecast grains and the dashboard (one reader account).
/// It places <see cref="Orders"/> orders for <see cref="Tenant"/> (so KPI cells and the tenant's series exist) and gives the daily
/// total series 21 days of history directly (<see cref="IForecastGrain.ObserveAsync"/>): 14 days at once, then one day at a time,
/// so the series has forecasts, scored points and rolling accuracy without waiting for days to pass.
/// </summary>
public sealed class PlannerCluster : IAsyncLifetime
{
    public const string Viewer = "planner";
    public const string ViewerPassword = "planner-pass-1";
    public const string Operator = "planner-ops";
    public const string OperatorPassword = "planner-ops-pass-1";
    public const string Tenant = "acme-planner";
    public const int Orders = 3;
    public const int HistoryDays = 21;
    public const int DailyHorizon = 14;

    public static string DailyTotal => new SeriesId(Tenant, TimeGrain.Day, "").Key;

    public TestCluster Cluster { get; private set; } = null!;

    public Uri BaseAddress => Cluster.Silos[0].HttpAddress!;

    /// <summary>The observations the daily total series was given, oldest first (the 21 days before today, UTC).</summary>
    public ImmutableArray<Observation> DailyHistory { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Dashboard:Users:{Viewer}"] = ViewerPassword,
            [$"Dashboard:Users:{Operator}"] = OperatorPassword, // saves reports from the builder (a dashboard change)
            ["Dashboard:OperatorUsers:0"] = Operator,
            ["Forecasting:Model"] = "snaive",
            ["Forecasting:TickInterval"] = "01:00:00", // the series' own timers stay quiet while the test runs
            ["Forecasting:DailyHorizon"] = DailyHorizon.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Cluster = await TestCluster.StartAsync(1, o =>
        {
            o.GrainAssemblies.Add(typeof(GrainInterfacesJsonContext).Assembly);
            o.GrainAssemblies.Add(typeof(GrainsJsonContext).Assembly);
            o.JsonResolvers.Add(GrainInterfacesJsonContext.Default);
            o.JsonResolvers.Add(GrainsJsonContext.Default);
            o.JsonResolvers.Add(AnalyticsContractsJsonContext.Default);
            o.JsonResolvers.Add(AnalyticsJsonContext.Default);
            foreach (var (key, value) in settings) o.Configuration[key] = value;
            o.ListenHttp = true;
            o.ConfigureServices = services =>
            {
                services.AddOrderDomain(configuration);
                services.AddOrderAnalytics(configuration);
                services.AddDashboard(configuration);
            };
            o.ConfigureApp = app => app.MapDashboard();
        });

        var grains = Cluster.Grains;
        for (var i = 0; i < Orders; i++) await grains.GetGrain<IOrderGrain>(TenantKeys.For(Tenant, $"o{i}")).CreateAsync(Order($"c-{i}"));
        await Eventually.TrueAsync(async () => (await TenantAnalytics.GetProgressAsync(grains, Tenant)).Sum(p => p.Orders) == Orders,
            $"the analytics shards have all {Orders} orders", TimeSpan.FromMinutes(3));

        var today = TimeGrain.Day.PeriodOf(DateTimeOffset.UtcNow);
        DailyHistory = [.. Enumerable.Range(0, HistoryDays).Select(i =>
        {
            var day = today.AddDays(i - HistoryDays);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            return new Observation(day, (weekend ? 20 : 12) + (i * 5 % 4));
        })];
        var series = grains.GetGrain<IForecastGrain>(DailyTotal);
        await series.ObserveAsync(DailyHistory[..14]);
        foreach (var day in DailyHistory[14..]) await series.ObserveAsync([day]);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>An online order of two lines (SKU-1 × 2 at 10.00, SKU-2 × 1 at 25.50, 4.50 shipping), placed on creation.</summary>
    private static CreateOrder Order(string customerId) => new()
    {
        Actor = new Actor { UserId = "integration-planner", DisplayName = "Planner test connector" },
        Customer = new CustomerRef { CustomerId = customerId, Name = "Jane Doe" },
        Channel = SalesChannel.Online(),
        Currency = "EUR",
        Lines =
        [
            new NewOrderLine { Sku = "SKU-1", Name = "Product SKU-1", Quantity = 2, UnitPrice = 10m },
            new NewOrderLine { Sku = "SKU-2", Name = "Product SKU-2", Quantity = 1, UnitPrice = 25.50m },
        ],
        ShippingAddress = new Address { Name = "Jane Doe", Line1 = "Hauptstraße 1", City = "Berlin", PostalCode = "10115", CountryCode = "DE" },
        Shipping = new ShippingSelection { Method = "standard", Carrier = "DHL", Price = 4.50m },
    };
}
