using System.Net;
using System.Net.Http.Json;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Customers;

/// <summary>Customers over HTTP: profile with ETag and If-Match, thresholds, the order history the order grains keep, tenants apart.</summary>
[Collection(ApiCollection.Name)]
public sealed class CustomersApiTests(ApiCluster api)
{
    public static object Profile(string name) => new
    {
        profile = new { name, emails = new[] { "ada@example.com" }, addresses = new[] { OrderBodies.Address(name) }, defaultShippingAddress = 0, riskLevel = "low" },
    };

    [Fact]
    public async Task A_profile_saves_reads_back_with_its_etag_refuses_a_stale_if_match_and_lists_the_customers_orders()
    {
        using var client = api.Client();
        var customerId = $"cust-{Guid.NewGuid():N}"[..20];

        var saved = await client.PutAsJsonAsync($"/api/v1/customers/{customerId}", Profile("Ada"));
        var read = await client.GetAsync($"/api/v1/customers/{customerId}");
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/customers/{customerId}") { Content = JsonContent.Create(Profile("Ada L.")) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        var staleResponse = await client.SendAsync(stale);
        var thresholds = await client.PutAsJsonAsync($"/api/v1/customers/{customerId}/approval-thresholds", new { thresholds = new[] { new { amount = 500m, currency = "EUR" } } });
        var order = await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order(customerId: customerId)), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var customer = await ApiAssert.OkJsonAsync(read);
        Assert.Equal(saved.Headers.ETag, read.Headers.ETag);
        Assert.Equal("low", customer.GetProperty("profile").GetProperty("riskLevel").GetString());
        await ApiAssert.ProblemAsync(staleResponse, HttpStatusCode.PreconditionFailed, "version-conflict");
        Assert.Equal(500m, (await ApiAssert.OkJsonAsync(thresholds)).GetProperty("approvalThresholds")[0].GetProperty("amount").GetDecimal());
        await Eventually.TrueAsync(async () =>
        {
            var history = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/customers/{customerId}/orders");
            return history.GetProperty("items").EnumerateArray().Any(o => o.GetProperty("orderId").GetString() == order.GetProperty("orderId").GetString());
        }, "the order appears in the customer's history");
    }

    [Fact]
    public async Task Another_tenants_customer_is_404_and_a_key_without_customer_scopes_is_403()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var created = await ApiAssert.OkJsonAsync(await acme.PostJsonAsync("/api/v1/api-keys", new { name = "orders-only", scopes = new[] { "orders:*" } }), HttpStatusCode.Created);
        using var ordersOnly = api.Client(created.GetProperty("key").GetString());
        var customerId = $"cust-{Guid.NewGuid():N}"[..20];
        await ApiAssert.OkJsonAsync(await acme.PutAsJsonAsync($"/api/v1/customers/{customerId}", Profile("Ada")));

        await ApiAssert.ProblemAsync(await globex.GetAsync($"/api/v1/customers/{customerId}"), HttpStatusCode.NotFound, "customer-not-found");
        await ApiAssert.ProblemAsync(await globex.GetAsync($"/api/v1/customers/{customerId}/orders"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await ordersOnly.GetAsync($"/api/v1/customers/{customerId}"), HttpStatusCode.Forbidden, "missing-scope");
    }
}
