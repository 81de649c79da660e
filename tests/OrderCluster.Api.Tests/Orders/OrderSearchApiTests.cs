using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Orders;

/// <summary>
/// <c>GET /orders</c> over HTTP on the search read model: orders created over HTTP are found by each filter once the
/// projection has caught up, a change (cancel) moves an order between filters, and bad filter input is a 400.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OrderSearchApiTests(ApiCluster api)
{
    private static object Body(string customerId, string marker, string channel, int quantity, string priority, string region, string city, string sku) => new
    {
        customer = new { customerId, name = "Grace Hopper", email = $"{customerId}@navy.example" },
        channel = channel == "marketplace" ? (object)new { kind = channel, marketplaceName = "bazaar" } : new { kind = channel },
        currency = "EUR",
        lines = new object[] { new { sku, name = "Compiler manual", quantity, unitPrice = 10.00m } },
        shippingAddress = new { name = "Grace Hopper", line1 = "1 Harbour Rd", city, postalCode = "22301", countryCode = "US" },
        shipping = new { method = "standard", price = 5.00m },
        tags = new[] { marker },
        priority,
        customFields = new { region = new { kind = "text", text = region }, rush = new { kind = "boolean", boolean = quantity > 5 } },
    };

    /// <summary>Adds the fields these tests set (text <c>region</c>, boolean <c>rush</c>) to acme's custom-field schema, keeping the fields it has.</summary>
    private static async Task EnsureSchemaAsync(HttpClient client)
    {
        var current = await ApiAssert.OkJsonAsync(await client.GetAsync("/api/v1/config/custom-fields"));
        var fields = current.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array ? f.EnumerateArray().ToList() : [];
        if (fields.Any(x => x.GetProperty("name").GetString() == "region")) return;
        object[] wanted = [.. fields.Cast<object>(), new { name = "region", type = "string", max = 50 }, new { name = "rush", type = "boolean" }];
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync("/api/v1/config/custom-fields", new { fields = wanted, expectedVersion = current.GetProperty("version").GetInt32() }));
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!)];

    [Fact]
    public async Task Orders_created_over_http_are_found_by_every_filter_once_projected()
    {
        using var client = api.Client();
        await EnsureSchemaAsync(client);
        var marker = $"srch-{Guid.NewGuid():N}"[..18];
        var customerA = $"{marker}-a";
        var customerB = $"{marker}-b";
        var created = new List<(string Id, string ETag)>();
        foreach (var body in new[]
                 {
                     Body(customerA, marker, "phone", 1, "high", "north", "Arlington", "COBOL-1"),
                     Body(customerB, marker, "online", 20, "low", "south", "Zurich", "FLOW-2"),
                     Body(customerB, marker, "marketplace", 6, "normal", "north", "Arlington", "FLOW-3"),
                 })
        {
            var response = await client.PostJsonAsync("/api/v1/orders", body);
            created.Add(((await ApiAssert.OkJsonAsync(response, HttpStatusCode.Created)).GetProperty("orderId").GetString()!, response.Headers.ETag!.Tag));
        }

        var (a, b, c) = (created[0].Id, created[1].Id, created[2].Id);
        var all = await SearchProjection.ListedAsync(client, $"/api/v1/orders?tag={marker}", 3);
        var cancel = await client.PostJsonAsync($"/api/v1/orders/{c}/cancel", new { reason = "customer asked" }, ifMatch: created[2].ETag);
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        var cancelled = await SearchProjection.ListedAsync(client, $"/api/v1/orders?tag={marker}&status=cancelled", 1);

        Assert.Equal([c, b, a], Ids(all)); // newest first
        Assert.Equal([c], Ids(cancelled));
        Assert.Equal([a], Ids(await Ok(client, $"tag={marker}&channel=phone")));
        Assert.Equal([c, b], Ids(await Ok(client, $"customerId={customerB}")));
        Assert.Equal([a], Ids(await Ok(client, $"tag={marker}&priority=high")));
        Assert.Equal([b], Ids(await Ok(client, $"tag={marker}&minTotal=100")));
        Assert.Equal([c, a], Ids(await Ok(client, $"tag={marker}&maxTotal=100")));
        Assert.Equal([c, a], Ids(await Ok(client, $"tag={marker}&cf.region=north")));
        Assert.Equal([c], Ids(await Ok(client, $"tag={marker}&cf.region=north&cf.rush=true")));
        Assert.Equal([b], Ids(await Ok(client, $"q=zurich&customerId={customerB}")));
        Assert.Equal([a], Ids(await Ok(client, $"q=cobol&tag={marker}")));
        Assert.Equal([c, b], Ids(await Ok(client, $"q=flow&tag={marker}")));
        Assert.Equal([c, b, a], Ids(await Ok(client, $"tag={marker}&createdFrom={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")));
        Assert.Empty(Ids(await Ok(client, $"tag={marker}&createdTo={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}")));
        Assert.Empty(Ids(await Ok(client, $"tag={marker}&archived=true")));
        Assert.Empty(Ids(await Ok(client, $"tag={marker}&cf.region=north'%20OR%20'1'='1")));
        Assert.Empty(Ids(await Ok(client, $"tag={marker}&status=placed'%3B%20DROP%20TABLE%20order_search%3B--")));
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        Assert.Empty(Ids(await Ok(globex, $"tag={marker}")));
    }

    [Fact]
    public async Task Bad_custom_field_filters_are_400_naming_the_parameter()
    {
        using var client = api.Client();

        var badName = await client.GetAsync("/api/v1/orders?cf.re%20gion=north");
        var twice = await client.GetAsync("/api/v1/orders?cf.region=north&cf.region=south");
        var tooMany = await client.GetAsync("/api/v1/orders?" + string.Join('&', Enumerable.Range(0, 11).Select(i => $"cf.f{i}=x")));

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badName, HttpStatusCode.BadRequest), "cf.re gion");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(twice, HttpStatusCode.BadRequest), "cf.region");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(tooMany, HttpStatusCode.BadRequest), "customFields");
    }

    [Fact]
    public async Task A_saved_search_with_custom_fields_runs_through_the_read_model()
    {
        using var client = api.Client();
        await EnsureSchemaAsync(client);
        var marker = $"svcf-{Guid.NewGuid():N}"[..18];
        var north = await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", Body($"{marker}-c", marker, "online", 1, "normal", "north", "Oslo", "S-1")), HttpStatusCode.Created);
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", Body($"{marker}-c", marker, "online", 1, "normal", "south", "Oslo", "S-1")), HttpStatusCode.Created);

        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/saved-searches/{marker}", new { tag = marker, customFields = new { region = "north" } }));
        var run = await SearchProjection.ListedAsync(client, $"/api/v1/saved-searches/{marker}/orders", 1);

        Assert.Equal([north.GetProperty("orderId").GetString()!], Ids(run));
    }

    private static async Task<JsonElement> Ok(HttpClient client, string query) => await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders?{query}"));
}
