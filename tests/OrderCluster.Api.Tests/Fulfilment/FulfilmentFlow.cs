using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Fulfilment;

/// <summary>
/// Steps every fulfilment and after-sales test needs, over HTTP: a stocked warehouse of a SKU no other test uses (so
/// sourcing can only pick it), an order of that SKU, and the order shipped to the customer.
/// </summary>
internal static class FulfilmentFlow
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static object Profile(string name = "London DC", bool active = true) =>
        new { profile = new { name, countryCode = "GB", region = "London", zones = new[] { "N1" }, priority = 1, costCurrency = "EUR", active } };

    /// <summary>Configures a warehouse, receives <paramref name="units"/> of <paramref name="sku"/> and sets its unit cost to 4.00.</summary>
    public static async Task<string> StockedWarehouseAsync(HttpClient client, string sku, int units)
    {
        var warehouseId = NewId("wh");
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/warehouses/{warehouseId}", Profile()));
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku, quantity = units, reference = "PO-1" }));
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/unit-costs",
            new { sku, cost = 4.00m, effectiveFrom = DateTimeOffset.UtcNow.AddDays(-1) }));
        return warehouseId;
    }

    /// <summary>Creates an order of <paramref name="quantity"/> × <paramref name="sku"/> at 10.00 EUR (approved at once below 10,000); returns its id and line id.</summary>
    public static async Task<(string OrderId, string LineId)> OrderAsync(HttpClient client, string sku, int quantity)
    {
        var body = new
        {
            customer = new { customerId = "c-fulfil", name = "Ada Lovelace", email = "ada@example.com" },
            channel = new { kind = "online" },
            currency = "EUR",
            lines = new object[] { new { sku, name = "Widget", quantity, unitPrice = 10.00m } },
            shippingAddress = OrderBodies.Address(),
            shipping = new { method = "standard", price = 4.95m },
        };
        var created = await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", body), HttpStatusCode.Created);
        var orderId = created.GetProperty("orderId").GetString()!;
        var order = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{orderId}"));
        return (orderId, order.GetProperty("lines")[0].GetProperty("lineId").GetString()!);
    }

    public static Task<HttpResponseMessage> AdvanceAsync(HttpClient client, string orderId, string shipmentId, object body) =>
        client.PostJsonAsync($"/api/v1/orders/{orderId}/fulfilment/shipments/{shipmentId}/advance", body);

    /// <summary>Allocates, creates the shipment and moves it through pick, pack, ship and deliver; returns the last fulfilment snapshot.</summary>
    public static async Task<JsonElement> ShipAndDeliverAsync(HttpClient client, string orderId)
    {
        await ApiAssert.OkJsonAsync(await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/allocate", null));
        var shipments = await ApiAssert.OkJsonAsync(await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/shipments", null));
        var shipmentId = shipments.GetProperty("shipments")[0].GetProperty("shipmentId").GetString()!;
        JsonElement last = default;
        foreach (var step in new object[]
                 {
                     new { action = "pick" }, new { action = "pack" }, new { action = "ship", carrier = "DHL", trackingNumber = "JD0001" }, new { action = "deliver" },
                 })
            last = await ApiAssert.OkJsonAsync(await AdvanceAsync(client, orderId, shipmentId, step));
        return last;
    }

    /// <summary>A key of the caller's tenant with <paramref name="scopes"/> and <paramref name="roles"/>, created over HTTP.</summary>
    public static async Task<string> KeyAsync(HttpClient admin, string[] scopes, params string[] roles)
    {
        var created = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "limited", scopes, roles }), HttpStatusCode.Created);
        return created.GetProperty("key").GetString()!;
    }
}
