using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Fulfilment;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Orders;

/// <summary>
/// The order's assignee over HTTP (<c>POST /orders/{id}/assign</c> with If-Match and Idempotency-Key, and the bulk
/// <c>assign</c> job), and returns and refunds recorded on the order with If-Match checked inside the returns grain.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AssignmentApiTests(ApiCluster api)
{
    private static async Task<(string Id, string ETag)> CreateAsync(HttpClient client)
    {
        var response = await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order());
        var body = await ApiAssert.OkJsonAsync(response, HttpStatusCode.Created);
        return (body.GetProperty("orderId").GetString()!, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Assign_takes_if_match_and_an_idempotency_key_and_shows_on_the_order()
    {
        using var client = api.Client();
        var (id, etag) = await CreateAsync(client);
        var key = $"assign-{Guid.NewGuid():N}";

        var assigned = await client.PostJsonAsync($"/api/v1/orders/{id}/assign", new { assignee = "agent-7", reason = "VIP desk" }, idempotencyKey: key, ifMatch: etag);
        var replayed = await client.PostJsonAsync($"/api/v1/orders/{id}/assign", new { assignee = "agent-7", reason = "VIP desk" }, idempotencyKey: key, ifMatch: etag);
        var stale = await client.PostJsonAsync($"/api/v1/orders/{id}/assign", new { assignee = "agent-9" }, ifMatch: etag);
        var malformed = await client.PostJsonAsync($"/api/v1/orders/{id}/assign", new { assignee = "not valid" });
        var order = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}");
        var unassigned = await client.PostJsonAsync($"/api/v1/orders/{id}/assign", new { assignee = (string?)null });

        var first = await ApiAssert.OkJsonAsync(assigned);
        Assert.Equal(first.GetProperty("version").GetInt64(), (await ApiAssert.OkJsonAsync(replayed)).GetProperty("version").GetInt64());
        Assert.Equal($"\"{first.GetProperty("version").GetInt64()}\"", assigned.Headers.ETag!.Tag);
        await ApiAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version-conflict");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(malformed, HttpStatusCode.UnprocessableEntity), "assignee");
        Assert.Equal("agent-7", order.GetProperty("assignee").GetString());
        await ApiAssert.OkJsonAsync(unassigned);
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}")).GetProperty("assignee").ValueKind);
    }

    [Fact]
    public async Task A_bulk_assign_job_assigns_every_order_and_reports_an_unknown_one()
    {
        using var client = api.Client();
        var ids = new[] { (await CreateAsync(client)).Id, (await CreateAsync(client)).Id };

        var started = await client.PostJsonAsync("/api/v1/bulk-jobs", new { operation = "assign", assignee = "night-shift", orderIds = new[] { ids[0], "no-such-order", ids[1] } });
        await ApiAssert.OkJsonAsync(started, HttpStatusCode.Accepted);
        var job = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            job = await client.GetFromJsonAsync<JsonElement>(new Uri(api.BaseAddress, started.Headers.Location!));
            return job.GetProperty("status").GetString() == "completed";
        }, "the bulk job completes", TimeSpan.FromSeconds(30));

        Assert.Equal((2, 1), (job.GetProperty("succeeded").GetInt32(), job.GetProperty("failed").GetInt32()));
        foreach (var id in ids)
            Assert.Equal("night-shift", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}")).GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task Returns_writes_honour_if_match_atomically_and_concurrent_writers_on_one_version_get_one_success_and_412s()
    {
        using var client = api.Client();
        var sku = FulfilmentFlow.NewId("SKU");
        await FulfilmentFlow.StockedWarehouseAsync(client, sku, 10);
        var (orderId, lineId) = await FulfilmentFlow.OrderAsync(client, sku, 2);
        await FulfilmentFlow.ShipAndDeliverAsync(client, orderId);
        var read = await client.GetAsync($"/api/v1/orders/{orderId}/after-sales");
        var etag = read.Headers.ETag!.Tag;

        var requested = await client.PostJsonAsync($"/api/v1/orders/{orderId}/returns", new { lines = new[] { new { lineId, quantity = 1, reason = "damaged" } } }, ifMatch: etag);
        var stale = await client.PostJsonAsync($"/api/v1/orders/{orderId}/returns/r1/decide", new { approve = true }, ifMatch: etag);
        var fresh = requested.Headers.ETag!.Tag;
        var refunds = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            client.PostJsonAsync($"/api/v1/orders/{orderId}/refunds", new { amount = 1m + i, reason = $"goodwill {i}" }, ifMatch: fresh)));
        var order = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}");
        var timeline = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{orderId}/timeline?limit=200");

        await ApiAssert.OkJsonAsync(requested, HttpStatusCode.Created);
        Assert.Equal(long.Parse(etag.Trim('"')) + 1, (await ApiAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version-conflict")).GetProperty("currentVersion").GetInt64());
        Assert.Single(refunds, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, refunds.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var afterSales = order.GetProperty("afterSales");
        Assert.Equal(["r1"], afterSales.GetProperty("returnIds").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(1, afterSales.GetProperty("pendingReturnUnits").GetInt32());
        Assert.Equal(["f1"], afterSales.GetProperty("refundIds").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(), t => t.GetProperty("eventType").GetString() == "order.return-requested");
    }
}
