using System.Net;
using System.Text.Json;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Idempotency;

/// <summary>Idempotency-Key: stored first result, replay, 422 on another body, 409 while running, one order under 50 concurrent retries, kept 24 h.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiCluster api)
{
    [Fact]
    public async Task A_retry_with_the_same_key_and_body_returns_the_stored_result_and_creates_nothing_new()
    {
        using var client = api.Client();
        var key = Guid.NewGuid().ToString();
        var body = OrderBodies.Order();

        var first = await client.PostJsonAsync("/api/v1/orders", body, key);
        var retry = await client.PostJsonAsync("/api/v1/orders", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("true", retry.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.False(first.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_on_an_action_too()
    {
        using var client = api.Client();
        var key = Guid.NewGuid().ToString();
        var first = await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order(quantity: 1), key), HttpStatusCode.Created);
        var id = first.GetProperty("orderId").GetString();
        var tagKey = Guid.NewGuid().ToString();
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{id}/change-tags", new { add = new[] { "a" } }, tagKey));

        var otherBody = await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order(quantity: 2), key);
        var otherAction = await client.PostJsonAsync($"/api/v1/orders/{id}/change-tags", new { add = new[] { "b" } }, tagKey);
        var order = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{id}"));

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(otherBody, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused"), "Idempotency-Key");
        await ApiAssert.ProblemAsync(otherAction, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(["a"], order.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Fifty_concurrent_creates_with_one_key_make_exactly_one_order_and_the_others_get_it_or_409()
    {
        using var client = api.Client();
        var key = Guid.NewGuid().ToString();
        var marker = $"conc-{Guid.NewGuid():N}"[..20];
        var body = OrderBodies.Order(tags: [marker]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostJsonAsync("/api/v1/orders", body, key)));
        var retry = await client.PostJsonAsync("/api/v1/orders", body, key);
        var listed = await SearchProjection.ListedAsync(client, $"/api/v1/orders?tag={marker}", 1);

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = new HashSet<string>();
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
            ids.Add(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!);
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await ApiAssert.ProblemAsync(r, HttpStatusCode.Conflict, "idempotency-key-in-use");
        Assert.Single(ids);
        Assert.Equal(ids.Single(), (await ApiAssert.OkJsonAsync(retry, HttpStatusCode.Created)).GetProperty("orderId").GetString());
        Assert.Equal([ids.Single()], listed.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
    }

    [Fact]
    public async Task A_key_is_kept_for_24_hours_then_expires_and_a_running_request_blocks_retries_until_its_lease_ends()
    {
        var grain = api.Grains.GetGrain<IIdempotencyKeyGrain>($"acme/{Guid.NewGuid():N}");
        var start = DateTimeOffset.UtcNow;
        var lease = TimeSpan.FromMinutes(2);
        var retention = TimeSpan.FromHours(24);
        IdempotencyBegin Begin(string hash, DateTimeOffset at) => new(hash, Guid.NewGuid().ToString("N"), at, lease, retention);

        var first = Begin("h1", start);
        Assert.Equal(IdempotencyOutcome.Started, (await grain.BeginAsync(first)).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await grain.BeginAsync(Begin("h1", start.AddSeconds(30)))).Outcome);
        Assert.Equal(IdempotencyOutcome.Mismatch, (await grain.BeginAsync(Begin("h2", start.AddSeconds(30)))).Outcome);
        Assert.True(await grain.CompleteAsync(first.LeaseId, new StoredResponse { Status = 201, Body = [1, 2, 3] }, start.AddSeconds(1), retention));

        var at23h = await grain.BeginAsync(Begin("h1", start.AddHours(23)));
        var at25h = await grain.BeginAsync(Begin("h1", start.AddHours(25)));

        Assert.Equal(IdempotencyOutcome.Replay, at23h.Outcome);
        Assert.Equal([1, 2, 3], at23h.Response!.Body);
        Assert.Equal(IdempotencyOutcome.Started, at25h.Outcome);
        // A request whose silo died mid-way: once its lease ends, a retry takes over and the late completion is refused.
        var taken = Begin("h1", start.AddHours(25) + lease + TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyOutcome.Started, (await grain.BeginAsync(taken)).Outcome);
        Assert.True(await grain.CompleteAsync(taken.LeaseId, new StoredResponse { Status = 200 }, taken.Now, retention));
    }

    [Theory]
    [InlineData("k", 256)]
    [InlineData("a\tb", 1)]
    public async Task A_key_over_255_characters_or_not_printable_ascii_is_400_naming_the_header(string unit, int repeat)
    {
        using var client = api.Client();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = System.Net.Http.Json.JsonContent.Create(OrderBodies.Order()) };
        request.Headers.TryAddWithoutValidation(IdempotencyMiddleware.HeaderName, string.Concat(Enumerable.Repeat(unit, repeat)));

        var response = await client.SendAsync(request);

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request"), IdempotencyMiddleware.HeaderName);
    }

    [Fact]
    public async Task A_request_that_ended_in_a_5xx_leaves_its_key_free_so_the_retry_runs_again()
    {
        // The middleware abandons the record of a 5xx (or of an exception) instead of completing it.
        var grain = api.Grains.GetGrain<IIdempotencyKeyGrain>($"acme/{Guid.NewGuid():N}");
        var now = DateTimeOffset.UtcNow;
        var first = new IdempotencyBegin("h1", Guid.NewGuid().ToString("N"), now, TimeSpan.FromMinutes(2), TimeSpan.FromHours(24));

        Assert.Equal(IdempotencyOutcome.Started, (await grain.BeginAsync(first)).Outcome);
        await grain.AbandonAsync(first.LeaseId);
        var retry = await grain.BeginAsync(first with { LeaseId = Guid.NewGuid().ToString("N"), Now = now.AddSeconds(1) });

        Assert.Equal(IdempotencyOutcome.Started, retry.Outcome);
    }
}
