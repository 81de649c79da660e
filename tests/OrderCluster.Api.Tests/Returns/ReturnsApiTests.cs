using System.Net;
using System.Text.Json;
using OrderCluster.Api.Tests.Fulfilment;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Returns;

/// <summary>Returns and refunds over HTTP: the whole after-sales path on a delivered order, refusals with reasons, refund approval, tenants and scopes.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReturnsApiTests(ApiCluster api)
{
    [Fact]
    public async Task A_delivered_order_is_returned_received_with_restock_and_refunded_end_to_end()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        var warehouseId = await FulfilmentFlow.StockedWarehouseAsync(client, sku, 10);
        var (orderId, lineId) = await FulfilmentFlow.OrderAsync(client, sku, 2);
        await FulfilmentFlow.ShipAndDeliverAsync(client, orderId);
        var afterShipping = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/stock/{sku}"));
        var orderTotal = (await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{orderId}"))).GetProperty("totals").GetProperty("total").GetProperty("amount").GetDecimal();

        var requested = await client.PostJsonAsync($"/api/v1/orders/{orderId}/returns", new { lines = new[] { new { lineId, quantity = 1, reason = "damaged" } } });
        var approved = await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{orderId}/returns/r1/decide", new { approve = true }));
        var received = await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{orderId}/returns/r1/receive",
            new { lines = new[] { new { lineId, quantity = 1, disposition = "restock" } } }));
        var afterRestock = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/stock/{sku}"));
        var refund = await client.PostJsonAsync($"/api/v1/orders/{orderId}/refunds", new { amount = 5.00m, reason = "damaged in transit", returnId = "r1" });
        var afterSales = await client.GetAsync($"/api/v1/orders/{orderId}/after-sales");
        var returnRead = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{orderId}/returns/r1"));
        var refundRead = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{orderId}/refunds/f1"));

        Assert.Equal(8, afterShipping.GetProperty("onHand").GetInt32());
        var requestedBody = await ApiAssert.OkJsonAsync(requested, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/orders/{orderId}/returns/r1", requested.Headers.Location!.OriginalString);
        Assert.Equal("requested", requestedBody.GetProperty("returns")[0].GetProperty("status").GetString());
        Assert.Equal(warehouseId, requestedBody.GetProperty("returns")[0].GetProperty("lines")[0].GetProperty("warehouseId").GetString());
        Assert.Equal("approved", approved.GetProperty("returns")[0].GetProperty("status").GetString());
        Assert.Equal("received", received.GetProperty("returns")[0].GetProperty("status").GetString());
        Assert.Equal(1, received.GetProperty("returns")[0].GetProperty("lines")[0].GetProperty("restocked").GetInt32());
        Assert.Equal(9, afterRestock.GetProperty("onHand").GetInt32());
        var refundBody = await ApiAssert.OkJsonAsync(refund, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/orders/{orderId}/refunds/f1", refund.Headers.Location!.OriginalString);
        Assert.Equal("refunded", refundBody.GetProperty("refunds")[0].GetProperty("status").GetString());
        var snapshot = await ApiAssert.OkJsonAsync(afterSales);
        Assert.Equal($"\"{snapshot.GetProperty("version").GetInt64()}\"", afterSales.Headers.ETag!.Tag);
        Assert.Equal(5.00m, snapshot.GetProperty("refunded").GetProperty("amount").GetDecimal());
        Assert.Equal(orderTotal - 5.00m, snapshot.GetProperty("refundable").GetProperty("amount").GetDecimal());
        Assert.Equal(["request-return", "approve-return", "receive-return", "request-refund"],
            snapshot.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()!));
        Assert.Equal("received", returnRead.GetProperty("status").GetString());
        Assert.Equal("r1", refundRead.GetProperty("returnId").GetString());
    }

    [Fact]
    public async Task Illegal_return_steps_are_refused_with_a_reason_and_bad_input_names_the_field()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        await FulfilmentFlow.StockedWarehouseAsync(client, sku, 10);
        var (orderId, lineId) = await FulfilmentFlow.OrderAsync(client, sku, 2);
        var (unshipped, unshippedLine) = await FulfilmentFlow.OrderAsync(client, sku, 1);
        await FulfilmentFlow.ShipAndDeliverAsync(client, orderId);
        var path = $"/api/v1/orders/{orderId}";

        var notShipped = await client.PostJsonAsync($"/api/v1/orders/{unshipped}/returns", new { lines = new[] { new { lineId = unshippedLine, quantity = 1, reason = "r" } } });
        var noLines = await client.PostJsonAsync($"{path}/returns", new { });
        var emptyLines = await client.PostJsonAsync($"{path}/returns", new { lines = Array.Empty<object>() });
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"{path}/returns", new { lines = new[] { new { lineId, quantity = 1, reason = "too small" } } }), HttpStatusCode.Created);
        var moreThanShipped = await client.PostJsonAsync($"{path}/returns", new { lines = new[] { new { lineId, quantity = 2, reason = "r" } } });
        var receiveUnapproved = await client.PostJsonAsync($"{path}/returns/r1/receive", new { lines = new[] { new { lineId, quantity = 1, disposition = "restock" } } });
        var rejectWithoutReason = await client.PostJsonAsync($"{path}/returns/r1/decide", new { approve = false });
        var unknownReturn = await client.PostJsonAsync($"{path}/returns/r9/decide", new { approve = true });
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"{path}/returns/r1/decide", new { approve = true }));
        var decideTwice = await client.PostJsonAsync($"{path}/returns/r1/decide", new { approve = true });
        var wrongQuantity = await client.PostJsonAsync($"{path}/returns/r1/receive", new { lines = new[] { new { lineId, quantity = 2, disposition = "restock" } } });
        var unknownDisposition = await client.PostJsonAsync($"{path}/returns/r1/receive", new { lines = new[] { new { lineId, quantity = 1, disposition = "burn" } } });
        var tooMuch = await client.PostJsonAsync($"{path}/refunds", new { amount = 1_000m, reason = "r" });
        var negative = await client.PostJsonAsync($"{path}/refunds", new { amount = -5m, reason = "r" });
        var noReason = await client.PostJsonAsync($"{path}/refunds", new { amount = 5m });

        Assert.Contains("0 shipped", (await ApiAssert.ProblemAsync(notShipped, HttpStatusCode.Conflict, "return-exceeds-shipped")).GetProperty("detail").GetString());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noLines, HttpStatusCode.BadRequest), "lines");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(emptyLines, HttpStatusCode.UnprocessableEntity), "lines");
        await ApiAssert.ProblemAsync(moreThanShipped, HttpStatusCode.Conflict, "return-exceeds-shipped");
        Assert.Contains("approved", (await ApiAssert.ProblemAsync(receiveUnapproved, HttpStatusCode.Conflict, "return-transition-not-allowed")).GetProperty("detail").GetString());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(rejectWithoutReason, HttpStatusCode.UnprocessableEntity), "reason");
        await ApiAssert.ProblemAsync(unknownReturn, HttpStatusCode.NotFound, "return-not-found");
        await ApiAssert.ProblemAsync(decideTwice, HttpStatusCode.Conflict, "return-transition-not-allowed");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(wrongQuantity, HttpStatusCode.UnprocessableEntity), "lines");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unknownDisposition, HttpStatusCode.BadRequest), "lines[0].disposition");
        await ApiAssert.ProblemAsync(tooMuch, HttpStatusCode.Conflict, "refund-exceeds-limit");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(negative, HttpStatusCode.UnprocessableEntity), "amount");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noReason, HttpStatusCode.BadRequest), "reason");
    }

    [Fact]
    public async Task A_refund_above_the_threshold_waits_for_a_finance_approver_who_is_not_the_requester()
    {
        using var admin = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        using var finance = api.Client(await FulfilmentFlow.KeyAsync(admin, ["orders:read", "orders:approve"], "finance"));
        using var writer = api.Client(await FulfilmentFlow.KeyAsync(admin, ["orders:read", "orders:write"], "order-manager"));
        var (orderId, _) = await FulfilmentFlow.OrderAsync(admin, FulfilmentFlow.NewId("SKU"), 20); // 200.00 + shipping, above the default threshold of 100
        var path = $"/api/v1/orders/{orderId}";

        var requested = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync($"{path}/refunds", new { amount = 150m, reason = "goodwill" }), HttpStatusCode.Created);
        var ownApproval = await admin.PostJsonAsync($"{path}/refunds/f1/decide", new { approve = true });
        var withoutScope = await writer.PostJsonAsync($"{path}/refunds/f1/decide", new { approve = true });
        var otherTenant = await globex.PostJsonAsync($"{path}/refunds/f1/decide", new { approve = true });
        var decided = await ApiAssert.OkJsonAsync(await finance.PostJsonAsync($"{path}/refunds/f1/decide", new { approve = true }));
        var again = await finance.PostJsonAsync($"{path}/refunds/f1/decide", new { approve = false });

        Assert.Equal("pendingApproval", requested.GetProperty("refunds")[0].GetProperty("status").GetString());
        Assert.Contains("finance", requested.GetProperty("refunds")[0].GetProperty("approvalReason").GetString());
        Assert.Equal(0m, requested.GetProperty("refunded").GetProperty("amount").GetDecimal());
        Assert.Contains("cannot approve it too", (await ApiAssert.ProblemAsync(ownApproval, HttpStatusCode.Forbidden, "action-forbidden")).GetProperty("detail").GetString());
        await ApiAssert.ProblemAsync(withoutScope, HttpStatusCode.Forbidden, "missing-scope");
        await ApiAssert.ProblemAsync(otherTenant, HttpStatusCode.NotFound);
        Assert.Equal("refunded", decided.GetProperty("refunds")[0].GetProperty("status").GetString());
        Assert.Equal(150m, decided.GetProperty("refunded").GetProperty("amount").GetDecimal());
        await ApiAssert.ProblemAsync(again, HttpStatusCode.Conflict, "refund-transition-not-allowed");
        await ApiAssert.ProblemAsync(await globex.GetAsync($"{path}/after-sales"), HttpStatusCode.NotFound, "order-not-found");
        await ApiAssert.ProblemAsync(await admin.GetAsync($"{path}/refunds/f9"), HttpStatusCode.NotFound, "refund-not-found");
    }
}
