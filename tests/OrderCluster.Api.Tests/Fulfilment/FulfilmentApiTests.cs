using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Fulfilment;

/// <summary>An order's fulfilment over HTTP: allocation from stock, shipments, the shipment steps, refusals with reasons, tenants and scopes.</summary>
[Collection(ApiCollection.Name)]
public sealed class FulfilmentApiTests(ApiCluster api)
{
    [Fact]
    public async Task An_approved_order_is_allocated_from_stock_shipped_and_delivered_and_its_status_follows()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        var warehouseId = await FulfilmentFlow.StockedWarehouseAsync(client, sku, 10);
        var (orderId, lineId) = await FulfilmentFlow.OrderAsync(client, sku, 3);

        var allocated = await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/allocate", null);
        var reservations = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/reservations?orderId={orderId}"));
        var created = await ApiAssert.OkJsonAsync(await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/shipments", null));
        var shipmentId = created.GetProperty("shipments")[0].GetProperty("shipmentId").GetString()!;
        await ApiAssert.OkJsonAsync(await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "pick" }));
        await ApiAssert.OkJsonAsync(await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "pack" }));
        var shipped = await ApiAssert.OkJsonAsync(await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "ship", carrier = "DHL", trackingNumber = "JD0042" }));
        var stockAfterShipping = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/stock/{sku}"));
        var delivered = await ApiAssert.OkJsonAsync(await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "deliver" }));
        var read = await client.GetAsync($"/api/v1/orders/{orderId}/fulfilment");

        var allocation = (await ApiAssert.OkJsonAsync(allocated)).GetProperty("allocations")[0];
        Assert.Equal(warehouseId, allocation.GetProperty("warehouseId").GetString());
        Assert.Equal(lineId, allocation.GetProperty("lineId").GetString());
        Assert.Equal(3, allocation.GetProperty("quantity").GetInt32());
        Assert.Equal(4.00m, allocation.GetProperty("unitCost").GetDecimal());
        Assert.Contains(warehouseId, allocation.GetProperty("reason").GetString());
        Assert.Equal(3, reservations.EnumerateArray().Single().GetProperty("quantity").GetInt32());
        Assert.Equal("pending", created.GetProperty("shipments")[0].GetProperty("status").GetString());
        Assert.Equal("shipped", shipped.GetProperty("shipments")[0].GetProperty("status").GetString());
        Assert.Equal("JD0042", shipped.GetProperty("shipments")[0].GetProperty("trackingNumber").GetString());
        Assert.Equal(7, stockAfterShipping.GetProperty("onHand").GetInt32());
        Assert.Equal(0, stockAfterShipping.GetProperty("reserved").GetInt32());
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        Assert.Equal(18.00m, delivered.GetProperty("orderMargin").GetProperty("amount").GetDecimal()); // 3 × (10.00 − 4.00)
        var snapshot = await ApiAssert.OkJsonAsync(read);
        Assert.Equal($"\"{snapshot.GetProperty("version").GetInt64()}\"", read.Headers.ETag!.Tag);
        await Eventually.TrueAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}")).GetProperty("status").GetString() == "delivered", "the order's status follows its shipment to delivered");
    }

    [Fact]
    public async Task Illegal_steps_are_refused_with_a_reason_and_bad_input_names_the_field()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        await FulfilmentFlow.StockedWarehouseAsync(client, sku, 5);
        var (orderId, _) = await FulfilmentFlow.OrderAsync(client, sku, 2);
        var (pendingApproval, _) = await FulfilmentFlow.OrderAsync(client, sku, 2_000); // 20,000 EUR needs a manager's approval

        var notApproved = await client.PostAsync($"/api/v1/orders/{pendingApproval}/fulfilment/allocate", null);
        var noShipmentsYet = await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/shipments", null);
        await ApiAssert.OkJsonAsync(await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/allocate", null));
        var again = await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/allocate", null);
        var shipmentId = (await ApiAssert.OkJsonAsync(await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/shipments", null))).GetProperty("shipments")[0].GetProperty("shipmentId").GetString()!;
        var deliverPending = await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "deliver" });
        var unknownAction = await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "teleport" });
        var noAction = await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { carrier = "DHL" });
        var unknownShipment = await FulfilmentFlow.AdvanceAsync(client, orderId, "s99", new { action = "pick" });
        await ApiAssert.OkJsonAsync(await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "pick" }));
        await ApiAssert.OkJsonAsync(await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "pack" }));
        var shipWithoutCarrier = await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "ship", trackingNumber = "T1" });
        var cancelWithoutReason = await FulfilmentFlow.AdvanceAsync(client, orderId, shipmentId, new { action = "cancel" });

        Assert.Contains("approved", (await ApiAssert.ProblemAsync(notApproved, HttpStatusCode.Conflict, "order-not-allocatable")).GetProperty("detail").GetString());
        await ApiAssert.ProblemAsync(noShipmentsYet, HttpStatusCode.Conflict, "nothing-allocated");
        await ApiAssert.ProblemAsync(again, HttpStatusCode.Conflict, "already-allocated");
        var illegal = await ApiAssert.ProblemAsync(deliverPending, HttpStatusCode.Conflict, "shipment-transition-not-allowed");
        Assert.Contains("pending", illegal.GetProperty("detail").GetString());
        Assert.Equal(["pick", "cancel"], illegal.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!));
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unknownAction, HttpStatusCode.BadRequest), "action");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noAction, HttpStatusCode.BadRequest), "action");
        await ApiAssert.ProblemAsync(unknownShipment, HttpStatusCode.NotFound, "shipment-not-found");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(shipWithoutCarrier, HttpStatusCode.UnprocessableEntity), "carrier");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(cancelWithoutReason, HttpStatusCode.UnprocessableEntity), "reason");
    }

    [Fact]
    public async Task Another_tenants_order_is_404_and_a_read_only_key_is_403()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var sku = FulfilmentFlow.NewId("SKU");
        await FulfilmentFlow.StockedWarehouseAsync(acme, sku, 5);
        var (orderId, _) = await FulfilmentFlow.OrderAsync(acme, sku, 1);
        using var reader = api.Client(await FulfilmentFlow.KeyAsync(acme, ["orders:read"], "admin"));

        await ApiAssert.ProblemAsync(await globex.GetAsync($"/api/v1/orders/{orderId}/fulfilment"), HttpStatusCode.NotFound, "order-not-found");
        await ApiAssert.ProblemAsync(await globex.PostAsync($"/api/v1/orders/{orderId}/fulfilment/allocate", null), HttpStatusCode.NotFound, "order-not-found");
        await ApiAssert.ProblemAsync(await acme.GetAsync("/api/v1/orders/no-such-order/fulfilment"), HttpStatusCode.NotFound, "order-not-found");
        await ApiAssert.ProblemAsync(await reader.PostAsync($"/api/v1/orders/{orderId}/fulfilment/allocate", null), HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal("unallocated", (await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/orders/{orderId}/fulfilment"))).GetProperty("status").GetString());
    }
}
