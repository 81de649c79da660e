using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Api.Analytics;
using OrderCluster.Api.Hosting;
using OrderCluster.Api.Tests.Support;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains;
using OrderCluster.Grains.Forecasting;
using OrderCluster.Testing;
using OrderCluster.Testing.Cluster;

namespace OrderCluster.Api.Tests.Analytics;

/// <summary>KPIs and forecasts over HTTP: the caller's tenant only, orders:read required, accuracy included.</summary>
public sealed class AnalyticsApiTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(1, o =>
    {
        o.GrainAssemblies.Add(typeof(GrainInterfacesJsonContext).Assembly);
        o.GrainAssemblies.Add(typeof(GrainsJsonContext).Assembly);
        o.GrainAssemblies.Add(ApiServiceCollectionExtensions.GrainAssembly);
        o.JsonResolvers.Add(GrainInterfacesJsonContext.Default);
        o.JsonResolvers.Add(GrainsJsonContext.Default);
        o.JsonResolvers.Add(ApiServiceCollectionExtensions.GrainJson);
        o.JsonResolvers.Add(AnalyticsContractsJsonContext.Default);
        o.JsonResolvers.Add(Grains.Analytics.AnalyticsJsonContext.Default);
        o.Configuration["Api:BootstrapKeys:0:Tenant"] = "acme";
        o.Configuration["Api:BootstrapKeys:0:Key"] = ApiCluster.AcmeAdminKey;
        o.Configuration["Api:BootstrapKeys:0:Roles:0"] = "admin";
        o.Configuration["Api:BootstrapKeys:1:Tenant"] = "globex";
        o.Configuration["Api:BootstrapKeys:1:Key"] = ApiCluster.GlobexAdminKey;
        o.Configuration["Api:BootstrapKeys:1:Roles:0"] = "admin";
        o.ListenHttp = true;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(o.Configuration).Build();
        o.ConfigureServices = services =>
        {
            services.AddOrderDomain(configuration);
            services.AddOrderClusterApi(configuration);
            services.Configure<ForecastingOptions>(f => { f.AutoStart = false; f.Model = "naive"; f.DailyHorizon = 2; });
        };
        o.ConfigureApp = app =>
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            app.UseOrderClusterApi();
            app.MapOrderClusterApi();
        };
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Kpis_and_a_forecast_with_its_accuracy_are_served_for_the_callers_tenant_only()
    {
        for (var i = 0; i < 3; i++) await _cluster.Grains.GetGrain<IOrderGrain>($"acme/api-{i}").CreateAsync(Order());
        await Eventually.TrueAsync(async () => (await TenantAnalytics.GetProgressAsync(_cluster.Grains, "acme")).Sum(p => p.Orders) == 3, "analytics has the orders");
        var day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var series = _cluster.Grains.GetGrain<IForecastGrain>("acme/day/total");
        await series.ObserveAsync([.. new[] { 10.0, 12, 9 }.Select((v, i) => new Observation(day.AddDays(i), v))]);
        await series.ObserveAsync([new Observation(day.AddDays(3), 14)]);
        using var acme = Client(ApiCluster.AcmeAdminKey);
        using var globex = Client(ApiCluster.GlobexAdminKey);

        var kpis = await Json(await acme.GetAsync("/api/v1/analytics/kpis?grain=day&from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z"));
        var other = await Json(await globex.GetAsync("/api/v1/analytics/kpis?grain=day&from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z"));
        var skus = await Json(await acme.GetAsync("/api/v1/analytics/kpis?grain=day&dimension=sku&from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z"));
        var forecast = await Json(await acme.GetAsync("/api/v1/analytics/forecasts/day"));
        var bad = await acme.GetAsync("/api/v1/analytics/kpis?grain=week");

        Assert.Equal(3, kpis.EnumerateArray().Single().GetProperty("figures").GetProperty("orders").GetInt32());
        var figures = kpis.EnumerateArray().Single().GetProperty("figures"); // the after-sales and cost figures are served too
        Assert.Equal((0m, 0m, 0, 0, 0m, 0), (figures.GetProperty("cogs").GetDecimal(), figures.GetProperty("margin").GetDecimal(), figures.GetProperty("returned").GetInt32(),
            figures.GetProperty("returnedOrders").GetInt32(), figures.GetProperty("refunded").GetDecimal(), figures.GetProperty("corrections").GetInt32()));
        Assert.Equal((0.0, 0.0), (figures.GetProperty("returnRate").GetDouble(), figures.GetProperty("errorRate").GetDouble()));
        Assert.Equal(0, other.GetArrayLength());
        Assert.Equal(["sku:SKU-1", "sku:SKU-2"], skus.EnumerateArray().Select(p => p.GetProperty("dimension").GetString()).Order().ToList());
        Assert.Equal(4, forecast.GetProperty("history").GetArrayLength());
        Assert.Equal(14.0, forecast.GetProperty("latest").GetProperty("points")[0].GetProperty("point").GetDouble(), 9);
        // scored: day 4 from the forecast made after day 3 (naive: 9): sMAPE = 200 · 5 / 23
        Assert.Equal(200.0 * 5 / 23, forecast.GetProperty("accuracy").GetProperty("sMape").GetDouble(), 9);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(bad, HttpStatusCode.BadRequest, "invalid-request"), "grain");
    }

    [Fact]
    public async Task A_key_without_orders_read_is_forbidden_and_no_key_is_unauthorized()
    {
        using var admin = Client(ApiCluster.AcmeAdminKey);
        var created = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "customers-only", scopes = new[] { "customers:*" } }), HttpStatusCode.Created);
        using var customersOnly = Client(created.GetProperty("key").GetString());
        using var anonymous = Client(null);

        Assert.Equal(HttpStatusCode.Forbidden, (await customersOnly.GetAsync("/api/v1/analytics/kpis")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/analytics/forecasts/hour")).StatusCode);
    }

    private static CreateOrder Order() => new()
    {
        Actor = new Actor { UserId = "integration", DisplayName = "Integration" },
        Customer = new CustomerRef { CustomerId = "c-1", Name = "Jane Doe" },
        Channel = SalesChannel.Online(),
        Currency = "EUR",
        Lines = [new NewOrderLine { Sku = "SKU-1", Name = "One", Quantity = 2, UnitPrice = 10m }, new NewOrderLine { Sku = "SKU-2", Name = "Two", Quantity = 1, UnitPrice = 5m }],
        ShippingAddress = new Address { Name = "Jane Doe", Line1 = "Hauptstraße 1", City = "Berlin", PostalCode = "10115", CountryCode = "DE" },
        Shipping = new ShippingSelection { Method = "standard", Price = 4.50m },
    };

    private HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = _cluster.Silos[0].HttpAddress! };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
