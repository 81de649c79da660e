using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Fulfilment;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Warehouses;

/// <summary>Warehouses over HTTP: profile, directory, stock, availability, receipts, adjustments, unit costs, journal; bad input, tenants and scopes.</summary>
[Collection(ApiCollection.Name)]
public sealed class WarehousesApiTests(ApiCluster api)
{
    [Fact]
    public async Task A_warehouse_is_configured_listed_stocked_adjusted_costed_and_journalled()
    {
        using var client = api.Client();
        var warehouseId = FulfilmentFlow.NewId("wh");
        var sku = FulfilmentFlow.NewId("SKU");

        var configured = await client.PutAsJsonAsync($"/api/v1/warehouses/{warehouseId}", FulfilmentFlow.Profile("Berlin DC"));
        var received = await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku, quantity = 10, reference = "PO-7" }));
        var adjusted = await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/adjust", new { sku, delta = -3, reason = "cycle count" }));
        var cost = await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/unit-costs",
            new { sku, cost = 4.25m, effectiveFrom = "2026-01-01T00:00:00Z" }));
        var read = await client.GetAsync($"/api/v1/warehouses/{warehouseId}");
        var list = await ApiAssert.OkJsonAsync(await client.GetAsync("/api/v1/warehouses"));
        var stock = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/stock/{sku}"));
        var availability = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/availability?sku={sku}&sku=NONE-1"));
        var costBefore = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/unit-costs/{sku}?at=2025-12-31T00:00:00Z"));
        var costNow = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/unit-costs/{sku}"));
        var movements = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/movements?limit=10"));

        var snapshot = await ApiAssert.OkJsonAsync(configured);
        Assert.Equal("Berlin DC", snapshot.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal("\"1\"", configured.Headers.ETag!.Tag);
        Assert.Equal(10, received.GetProperty("onHand").GetInt32());
        Assert.Equal(7, adjusted.GetProperty("onHand").GetInt32());
        Assert.Equal(4.25m, cost.GetProperty("cost").GetDecimal());
        Assert.Equal("EUR", cost.GetProperty("currency").GetString());
        Assert.Equal("\"4\"", read.Headers.ETag!.Tag);
        Assert.Contains(list.EnumerateArray(), w => w.GetProperty("warehouseId").GetString() == warehouseId && w.GetProperty("active").GetBoolean());
        Assert.Equal(7, stock.GetProperty("available").GetInt32());
        var skus = availability.GetProperty("skus").EnumerateArray().ToDictionary(s => s.GetProperty("sku").GetString()!);
        Assert.Equal(7, skus[sku].GetProperty("available").GetInt32());
        Assert.Equal(4.25m, skus[sku].GetProperty("unitCost").GetDecimal());
        Assert.Equal(0, skus["NONE-1"].GetProperty("available").GetInt32());
        Assert.Equal(JsonValueKind.Null, costBefore.GetProperty("cost").ValueKind);
        Assert.Equal(4.25m, costNow.GetProperty("cost").GetDecimal());
        Assert.Equal(["adjust", "receive"], movements.EnumerateArray().Select(m => m.GetProperty("kind").GetString()!));
        Assert.Equal("cycle count", movements[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_4xx_problem_naming_the_field_and_stock_never_goes_negative()
    {
        using var client = api.Client();
        var warehouseId = FulfilmentFlow.NewId("wh");
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/warehouses/{warehouseId}", FulfilmentFlow.Profile()));

        var noName = await client.PutAsJsonAsync($"/api/v1/warehouses/{warehouseId}", new { profile = new { countryCode = "GB" } });
        var badCountry = await client.PutAsJsonAsync($"/api/v1/warehouses/{warehouseId}", new { profile = new { name = "x", countryCode = "gbr" } });
        var unknownField = await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku = "A", quantity = 1, colour = "red" });
        var zero = await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku = "A", quantity = 0 });
        var wrongType = await client.SendRawAsync(HttpMethod.Post, $"/api/v1/warehouses/{warehouseId}/adjust", """{"sku":"A","delta":"many","reason":"r"}""");
        var negative = await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/adjust", new { sku = "A", delta = -1, reason = "lost" });
        var noSkus = await client.GetAsync($"/api/v1/warehouses/{warehouseId}/availability");
        var badLimit = await client.GetAsync($"/api/v1/warehouses/{warehouseId}/movements?limit=0");
        var noOrder = await client.GetAsync($"/api/v1/warehouses/{warehouseId}/reservations");

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noName, HttpStatusCode.BadRequest), "profile.name");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badCountry, HttpStatusCode.UnprocessableEntity), "profile.countryCode");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unknownField, HttpStatusCode.BadRequest), "colour");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(zero, HttpStatusCode.UnprocessableEntity), "quantity");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(wrongType, HttpStatusCode.BadRequest), "delta");
        var refused = await ApiAssert.ProblemAsync(negative, HttpStatusCode.Conflict, "stock-would-go-negative");
        Assert.Contains("-1", refused.GetProperty("detail").GetString());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noSkus, HttpStatusCode.BadRequest), "sku");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badLimit, HttpStatusCode.BadRequest), "limit");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noOrder, HttpStatusCode.BadRequest), "orderId");
    }

    [Fact]
    public async Task Another_tenants_warehouse_is_404_a_key_without_inventory_scopes_is_403_and_a_stale_if_match_is_412()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var warehouseId = await FulfilmentFlow.StockedWarehouseAsync(acme, FulfilmentFlow.NewId("SKU"), 5);
        using var ordersOnly = api.Client(await FulfilmentFlow.KeyAsync(acme, ["orders:*"]));
        using var reader = api.Client(await FulfilmentFlow.KeyAsync(acme, ["inventory:read"]));

        await ApiAssert.ProblemAsync(await globex.GetAsync($"/api/v1/warehouses/{warehouseId}"), HttpStatusCode.NotFound, "warehouse-not-found");
        await ApiAssert.ProblemAsync(await globex.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku = "A", quantity = 1 }), HttpStatusCode.NotFound, "warehouse-not-found");
        await ApiAssert.ProblemAsync(await globex.GetAsync($"/api/v1/warehouses/{warehouseId}/movements"), HttpStatusCode.NotFound, "warehouse-not-found");
        Assert.DoesNotContain((await ApiAssert.OkJsonAsync(await globex.GetAsync("/api/v1/warehouses"))).EnumerateArray(), w => w.GetProperty("warehouseId").GetString() == warehouseId);
        await ApiAssert.ProblemAsync(await ordersOnly.GetAsync($"/api/v1/warehouses/{warehouseId}"), HttpStatusCode.Forbidden, "missing-scope");
        await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/warehouses/{warehouseId}"));
        await ApiAssert.ProblemAsync(await reader.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku = "A", quantity = 1 }), HttpStatusCode.Forbidden, "missing-scope");
        var stale = await ApiAssert.ProblemAsync(await acme.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku = "A", quantity = 1 }, ifMatch: "\"1\""),
            HttpStatusCode.PreconditionFailed, "version-conflict");
        Assert.Equal(3, stale.GetProperty("currentVersion").GetInt64());
        await ApiAssert.OkJsonAsync(await acme.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku = "A", quantity = 1 }, ifMatch: "\"3\""));
    }
}
