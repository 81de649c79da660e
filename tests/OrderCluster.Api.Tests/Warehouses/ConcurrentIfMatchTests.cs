using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Fulfilment;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Warehouses;

/// <summary>
/// If-Match on warehouses and fulfilment is checked inside the grain's turn: many writers holding the same ETag race,
/// exactly one gets a 2xx, every other one a 412 naming the current version, and the state moved exactly once.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrentIfMatchTests(ApiCluster api)
{
    private const int Writers = 24;

    [Fact]
    public async Task Concurrent_stock_receipts_with_one_ETag_let_exactly_one_through()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        var warehouseId = await FulfilmentFlow.StockedWarehouseAsync(client, sku, 10);
        var etag = (await client.GetAsync($"/api/v1/warehouses/{warehouseId}")).Headers.ETag!.Tag;

        var answers = await RaceAsync(_ => client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku, quantity = 5 }, ifMatch: etag));
        var after = await client.GetAsync($"/api/v1/warehouses/{warehouseId}");
        var stock = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/stock/{sku}"));

        await AssertOneWinnerAsync(answers);
        Assert.Equal(15, stock.GetProperty("onHand").GetInt32()); // 10 + one receipt of 5, not 10 + 24 × 5
        Assert.Equal($"\"{Version(etag) + 1}\"", after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Concurrent_configurations_of_a_new_warehouse_with_If_Match_0_create_it_once()
    {
        using var client = api.Client();
        var warehouseId = FulfilmentFlow.NewId("wh");

        var answers = await RaceAsync(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/warehouses/{warehouseId}") { Content = JsonContent.Create(FulfilmentFlow.Profile($"DC {i}")) };
            request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            return client.SendAsync(request);
        });
        var read = await client.GetAsync($"/api/v1/warehouses/{warehouseId}");

        var winner = await AssertOneWinnerAsync(answers);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
        Assert.Equal(winner.GetProperty("profile").GetProperty("name").GetString(), (await ApiAssert.OkJsonAsync(read)).GetProperty("profile").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Concurrent_adjustments_and_unit_costs_with_one_ETag_let_exactly_one_through()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        var warehouseId = await FulfilmentFlow.StockedWarehouseAsync(client, sku, 100);
        var etag = (await client.GetAsync($"/api/v1/warehouses/{warehouseId}")).Headers.ETag!.Tag;

        var answers = await RaceAsync(i => i % 2 == 0
            ? client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/adjust", new { sku, delta = -1, reason = "count" }, ifMatch: etag)
            : client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/unit-costs", new { sku, cost = 5m + i }, ifMatch: etag));
        var after = await client.GetAsync($"/api/v1/warehouses/{warehouseId}");

        await AssertOneWinnerAsync(answers);
        Assert.Equal($"\"{Version(etag) + 1}\"", after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Concurrent_shipment_steps_with_one_ETag_move_the_shipment_once()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        await FulfilmentFlow.StockedWarehouseAsync(client, sku, 10);
        var (orderId, _) = await FulfilmentFlow.OrderAsync(client, sku, 2);
        await ApiAssert.OkJsonAsync(await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/allocate", null));
        var created = await client.PostAsync($"/api/v1/orders/{orderId}/fulfilment/shipments", null);
        var shipmentId = (await ApiAssert.OkJsonAsync(created)).GetProperty("shipments")[0].GetProperty("shipmentId").GetString()!;
        var etag = created.Headers.ETag!.Tag;

        // Pick and cancel race on the same ETag: without an atomic check a cancel could land after the pick it never saw.
        var answers = await RaceAsync(i => client.PostJsonAsync($"/api/v1/orders/{orderId}/fulfilment/shipments/{shipmentId}/advance",
            i % 2 == 0 ? new { action = "pick" } : new { action = "cancel", reason = "customer called" }, ifMatch: etag));
        var read = await client.GetAsync($"/api/v1/orders/{orderId}/fulfilment");

        var winner = await AssertOneWinnerAsync(answers);
        var fulfilment = await ApiAssert.OkJsonAsync(read);
        Assert.Equal($"\"{Version(etag) + 1}\"", read.Headers.ETag!.Tag);
        Assert.Equal(winner.GetProperty("shipments")[0].GetProperty("status").GetString(), fulfilment.GetProperty("shipments")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Concurrent_allocations_with_one_ETag_reserve_stock_once()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        var warehouseId = await FulfilmentFlow.StockedWarehouseAsync(client, sku, 10);
        var (orderId, _) = await FulfilmentFlow.OrderAsync(client, sku, 3);
        var etag = (await client.GetAsync($"/api/v1/orders/{orderId}/fulfilment")).Headers.ETag!.Tag;

        var answers = await RaceAsync(_ => client.PostJsonAsync($"/api/v1/orders/{orderId}/fulfilment/allocate", new { }, ifMatch: etag));
        var stock = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/stock/{sku}"));

        await AssertOneWinnerAsync(answers);
        Assert.Equal(3, stock.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task A_stale_or_malformed_If_Match_changes_nothing()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        var warehouseId = await FulfilmentFlow.StockedWarehouseAsync(client, sku, 10);

        var stale = await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku, quantity = 5 }, ifMatch: "\"1\"");
        var malformed = await client.PostJsonAsync($"/api/v1/warehouses/{warehouseId}/receive", new { sku, quantity = 5 }, ifMatch: "\"one\"");
        var stock = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/warehouses/{warehouseId}/stock/{sku}"));

        var problem = await ApiAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version-conflict");
        Assert.Equal(3, problem.GetProperty("currentVersion").GetInt64()); // configure, receive, unit cost
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(malformed, HttpStatusCode.BadRequest), "If-Match");
        Assert.Equal(10, stock.GetProperty("onHand").GetInt32());
    }

    /// <summary>Starts <see cref="Writers"/> requests together (released by one gate) and waits for every answer.</summary>
    private static async Task<HttpResponseMessage[]> RaceAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Writers).Select(async i =>
        {
            await gate.Task;
            return await send(i);
        }).ToArray();
        gate.SetResult();
        return await Task.WhenAll(writers);
    }

    /// <summary>Exactly one 2xx; every other answer a 412 problem with the current version. Returns the winner's body.</summary>
    private static async Task<JsonElement> AssertOneWinnerAsync(HttpResponseMessage[] answers)
    {
        var winners = answers.Where(a => a.IsSuccessStatusCode).ToList();
        var statuses = string.Join(", ", answers.Select(a => (int)a.StatusCode).Order());
        Assert.True(winners.Count == 1, $"expected exactly one 2xx, got: {statuses}");
        foreach (var loser in answers.Where(a => !a.IsSuccessStatusCode))
        {
            var problem = await ApiAssert.ProblemAsync(loser, HttpStatusCode.PreconditionFailed, "version-conflict");
            Assert.True(problem.TryGetProperty("currentVersion", out _), problem.ToString());
        }

        return await ApiAssert.OkJsonAsync(winners[0]);
    }

    private static long Version(string etag) => long.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
}
