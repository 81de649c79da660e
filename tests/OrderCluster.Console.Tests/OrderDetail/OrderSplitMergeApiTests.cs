using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Console.Tests.Support;
using static OrderCluster.Console.Tests.OrderDetail.OrderDetailFixtures;
using static OrderCluster.Console.Tests.Support.ConsoleApi;

namespace OrderCluster.Console.Tests.OrderDetail;

/// <summary>
/// <c>POST /orders/{id}/split</c> and <c>/merge</c> over HTTP, as the order detail view uses them: If-Match (412 when
/// stale, and nothing changes), Idempotency-Key (a retry replays the first answer), the new ETag, problem details for a
/// refusal, and <c>orders:write</c>.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class OrderSplitMergeApiTests(ConsoleCluster cluster)
{
    [Fact]
    public async Task Split_moves_the_named_units_into_a_new_order_linked_both_ways_and_a_retry_replays_it()
    {
        var api = cluster.Client();
        var unique = Unique();
        var id = await CreateAsync(api, "c-api-split-" + unique, new Line("A-" + unique, 3, 10.00m), new Line("B-" + unique, 1, 5.00m));
        var etag = (await api.GetAsync($"/api/v1/orders/{id}")).Headers.ETag!.Tag;
        var key = Guid.NewGuid().ToString("N");
        var body = new { lines = new[] { new { lineId = "l1", quantity = 2 } }, newOrderId = id + "-part" };

        using var first = await SendAsync(api, $"/api/v1/orders/{id}/split", body, etag, key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id + "-part", Text(result, "createdId"));
        var version = result.GetProperty("version").GetInt64();
        Assert.Equal($"\"{version}\"", first.Headers.ETag!.Tag);

        var original = await OrderAsync(api, id);
        Assert.Equal([("A-" + unique, 1), ("B-" + unique, 1)], Lines(original));
        Assert.Equal(version, original.GetProperty("version").GetInt64());
        var part = await OrderAsync(api, id + "-part");
        Assert.Equal([("A-" + unique, 2)], Lines(part));
        Assert.Contains(original.GetProperty("links").EnumerateArray(), l => Text(l, "kind") == "split-into" && Text(l, "orderId") == id + "-part");
        // the new order names where it came from in its note (it carries no split-from link: the grain adds none)
        Assert.Contains(await ItemsAsync(api, id + "-part", "notes"), n => Text(n, "text") == $"Split from order {id}.");

        using var retry = await SendAsync(api, $"/api/v1/orders/{id}/split", body, etag, key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(version, (await OrderAsync(api, id)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_split_or_merge_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var api = cluster.Client();
        var unique = Unique();
        var id = await CreateAsync(api, "c-api-stale-" + unique, new Line("A-" + unique, 2, 10.00m));
        var target = await CreateAsync(api, "c-api-stale-" + unique, new Line("B-" + unique, 1, 10.00m));
        var stale = (await api.GetAsync($"/api/v1/orders/{id}")).Headers.ETag!.Tag;
        using var tagged = await api.PostAsJsonAsync($"/api/v1/orders/{id}/change-tags", new { add = new[] { "moved-on" } });
        var before = await OrderAsync(api, id);
        var targetBefore = await OrderAsync(api, target);

        using var split = await SendAsync(api, $"/api/v1/orders/{id}/split", new { lines = new[] { new { lineId = "l1", quantity = 1 } } }, stale);
        using var merge = await SendAsync(api, $"/api/v1/orders/{id}/merge", new { targetOrderId = target }, stale);

        foreach (var response in new[] { split, merge })
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(before.GetProperty("version").GetInt64(), problem.GetProperty("currentVersion").GetInt64());
        }

        var after = await OrderAsync(api, id);
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(Lines(before), Lines(after));
        Assert.Equal(targetBefore.GetProperty("version").GetInt64(), (await OrderAsync(api, target)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Merge_moves_the_lines_into_the_target_and_cancels_the_source_and_a_refusal_is_a_problem()
    {
        var api = cluster.Client();
        var unique = Unique();
        var customer = "c-api-merge-" + unique;
        var source = await CreateAsync(api, customer, new Line("A-" + unique, 1, 10.00m));
        var target = await CreateAsync(api, customer, new Line("B-" + unique, 2, 10.00m));

        using var intoItself = await SendAsync(api, $"/api/v1/orders/{source}/merge", new { targetOrderId = source });
        Assert.Equal(HttpStatusCode.Conflict, intoItself.StatusCode);
        var problem = await intoItself.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("orders-not-mergeable", Text(problem, "code"));
        Assert.Equal("https://ordercluster.dev/problems/orders-not-mergeable", Text(problem, "type"));

        using var merged = await SendAsync(api, $"/api/v1/orders/{source}/merge", new { targetOrderId = target });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal("cancelled", Text(await merged.Content.ReadFromJsonAsync<JsonElement>(), "status"));
        var into = await OrderAsync(api, target);
        Assert.Equal([("A-" + unique, 1), ("B-" + unique, 2)], Lines(into).OrderBy(l => l.Sku, StringComparer.Ordinal));
        Assert.Contains(into.GetProperty("links").EnumerateArray(), l => Text(l, "kind") == "merged-from" && Text(l, "orderId") == source);
        Assert.Equal("cancelled", Text(await OrderAsync(api, source), "status"));
    }

    [Fact]
    public async Task Split_and_merge_need_orders_write_and_name_their_missing_fields()
    {
        var api = cluster.Client();
        var unique = Unique();
        var id = await CreateAsync(api, "c-api-scope-" + unique, new Line("A-" + unique, 2, 10.00m));
        var version = (await OrderAsync(api, id)).GetProperty("version").GetInt64();
        using var keyResponse = await api.PostAsJsonAsync("/api/v1/api-keys", new { name = "reader-" + unique, scopes = new[] { "orders:read" } });
        var reader = new HttpClient { BaseAddress = cluster.BaseAddress };
        reader.DefaultRequestHeaders.Authorization = new("Bearer", Text(await keyResponse.Content.ReadFromJsonAsync<JsonElement>(), "key"));

        using var forbidden = await SendAsync(reader, $"/api/v1/orders/{id}/split", new { lines = new[] { new { lineId = "l1", quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var noTarget = await SendAsync(api, $"/api/v1/orders/{id}/merge", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noTarget.StatusCode);
        Assert.True((await noTarget.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("targetOrderId", out _));
        Assert.Equal(version, (await OrderAsync(api, id)).GetProperty("version").GetInt64());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object body, string? ifMatch = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }
}
