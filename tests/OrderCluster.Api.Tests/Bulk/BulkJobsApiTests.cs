using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Bulk;

/// <summary>Bulk jobs run asynchronously with progress and per-item results; bad items (unknown, another tenant's, refused) never fail the others.</summary>
[Collection(ApiCollection.Name)]
public sealed class BulkJobsApiTests(ApiCluster api)
{
    private static async Task<string> CreateAsync(HttpClient client) =>
        (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order()), HttpStatusCode.Created)).GetProperty("orderId").GetString()!;

    private static async Task<JsonElement> CompletedAsync(HttpClient client, Uri location)
    {
        var job = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            job = await client.GetFromJsonAsync<JsonElement>(location);
            return job.GetProperty("status").GetString() == "completed";
        }, "the bulk job completes", TimeSpan.FromSeconds(30));
        return job;
    }

    [Fact]
    public async Task A_bulk_tag_job_tags_every_good_order_and_reports_each_bad_one()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var ours = new[] { await CreateAsync(acme), await CreateAsync(acme), await CreateAsync(acme) };
        var theirs = await CreateAsync(globex);
        var tag = $"bulk-{Guid.NewGuid():N}"[..16];

        var started = await acme.PostJsonAsync("/api/v1/bulk-jobs", new { operation = "addTags", tags = new[] { tag }, orderIds = new[] { ours[0], "no-such-order", ours[1], theirs, "bad id!", ours[2] } });
        var accepted = await ApiAssert.OkJsonAsync(started, HttpStatusCode.Accepted);
        var job = await CompletedAsync(acme, new Uri(api.BaseAddress, started.Headers.Location!));
        var otherTenant = await globex.GetAsync(started.Headers.Location);
        var theirOrder = await ApiAssert.OkJsonAsync(await globex.GetAsync($"/api/v1/orders/{theirs}"));

        Assert.Equal(6, accepted.GetProperty("total").GetInt32());
        Assert.Equal((6, 3, 3), (job.GetProperty("processed").GetInt32(), job.GetProperty("succeeded").GetInt32(), job.GetProperty("failed").GetInt32()));
        var results = job.GetProperty("results").EnumerateArray().OrderBy(r => r.GetProperty("index").GetInt32()).ToList();
        Assert.Equal([true, false, true, false, false, true], results.Select(r => r.GetProperty("succeeded").GetBoolean()));
        Assert.All(results.Where(r => !r.GetProperty("succeeded").GetBoolean()), r => Assert.Equal("order-not-found", r.GetProperty("errorCode").GetString()));
        foreach (var id in ours)
            Assert.Contains(tag, (await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}")).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        await ApiAssert.ProblemAsync(otherTenant, HttpStatusCode.NotFound, "bulk-job-not-found");
        Assert.Equal(0, theirOrder.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public async Task A_bulk_action_reports_refusals_per_item_and_a_bad_request_is_400()
    {
        using var acme = api.Client();
        var open = await CreateAsync(acme);
        var cancelled = await CreateAsync(acme);
        await ApiAssert.OkJsonAsync(await acme.PostJsonAsync($"/api/v1/orders/{cancelled}/cancel", new { reason = "first" }));

        var started = await acme.PostJsonAsync("/api/v1/bulk-jobs", new { operation = "action", action = "cancel", reason = "bulk", orderIds = new[] { open, cancelled } });
        var job = await CompletedAsync(acme, new Uri(api.BaseAddress, started.Headers.Location!));
        var noAction = await acme.PostJsonAsync("/api/v1/bulk-jobs", new { operation = "action", orderIds = new[] { open } });
        var tooMany = await acme.PostJsonAsync("/api/v1/bulk-jobs", new { operation = "addTags", tags = new[] { "x" }, orderIds = Enumerable.Range(0, 1001).Select(i => $"o{i}") });

        var results = job.GetProperty("results").EnumerateArray().OrderBy(r => r.GetProperty("index").GetInt32()).ToList();
        Assert.True(results[0].GetProperty("succeeded").GetBoolean());
        Assert.Equal("transition-not-allowed", results[1].GetProperty("errorCode").GetString());
        Assert.Equal("cancelled", (await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{open}")).GetProperty("status").GetString());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noAction, HttpStatusCode.BadRequest), "action");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(tooMany, HttpStatusCode.BadRequest), "orderIds");
    }
}
