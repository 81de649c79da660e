using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Webhooks;

/// <summary>
/// Webhooks over HTTP with a real receiver: the secret is shown once, deliveries are signed and logged, sustained
/// failure disables a subscription (visible in GET), a failed delivery is replayed, and other tenants get 404.
/// </summary>
public sealed class WebhooksApiTests(WebhooksApiFixture fixture) : IClassFixture<WebhooksApiFixture>
{
    private ApiCluster Api => fixture.Api;

    private static bool SignedBy(string header, string secret, string body)
    {
        var parts = header.Split(',');
        var t = long.Parse(parts.Single(p => p.StartsWith("t=", StringComparison.Ordinal))[2..], CultureInfo.InvariantCulture);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        return parts.Contains("v1=" + expected);
    }

    private static async Task<(string Id, string Secret)> SubscribeAsync(HttpClient client, string url, params string[] eventTypes)
    {
        var created = await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes }), HttpStatusCode.Created);
        return (created.GetProperty("subscription").GetProperty("subscriptionId").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private static async Task<string> CreateOrderAsync(HttpClient client) =>
        (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order()), HttpStatusCode.Created)).GetProperty("orderId").GetString()!;

    [Fact]
    public async Task A_subscription_shows_its_secret_once_changes_rotates_and_deletes_and_another_tenant_gets_404()
    {
        using var acme = Api.Client();
        using var globex = Api.Client(ApiCluster.GlobexAdminKey);
        var create = await acme.PostJsonAsync("/api/v1/webhooks", new { url = fixture.UrlFor("lifecycle"), eventTypes = new[] { "order.created" }, description = "ERP" });
        var created = await ApiAssert.OkJsonAsync(create, HttpStatusCode.Created);
        var id = created.GetProperty("subscription").GetProperty("subscriptionId").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;

        Assert.Equal($"/api/v1/webhooks/{id}", create.Headers.Location?.ToString());
        Assert.StartsWith("whsec_", secret);
        Assert.Equal("active", created.GetProperty("subscription").GetProperty("status").GetString());
        var read = await acme.GetStringAsync($"/api/v1/webhooks/{id}");
        var list = await acme.GetStringAsync("/api/v1/webhooks");
        Assert.DoesNotContain(secret, read + list);
        Assert.DoesNotContain("\"secret\"", read + list);
        Assert.Contains(id, list);

        await ApiAssert.ProblemAsync(await globex.GetAsync($"/api/v1/webhooks/{id}"), HttpStatusCode.NotFound, "webhook-not-found");
        await ApiAssert.ProblemAsync(await globex.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { active = false }), HttpStatusCode.NotFound, "webhook-not-found");
        await ApiAssert.ProblemAsync(await globex.GetAsync($"/api/v1/webhooks/{id}/deliveries"), HttpStatusCode.NotFound, "webhook-not-found");
        await ApiAssert.ProblemAsync(await globex.PostJsonAsync($"/api/v1/webhooks/{id}/rotate-secret", new { }), HttpStatusCode.NotFound, "webhook-not-found");
        await ApiAssert.ProblemAsync(await globex.DeleteAsync($"/api/v1/webhooks/{id}"), HttpStatusCode.NotFound, "webhook-not-found");
        Assert.DoesNotContain(id, await globex.GetStringAsync("/api/v1/webhooks"));

        var patched = await ApiAssert.OkJsonAsync(await acme.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { eventTypes = new[] { "order.status-changed", "order.created" }, expectedVersion = 1 }));
        Assert.Equal(["order.created", "order.status-changed"], patched.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, patched.GetProperty("version").GetInt64());
        await ApiAssert.ProblemAsync(await acme.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { active = false, expectedVersion = 1 }), HttpStatusCode.Conflict, "version-conflict");

        var rotated = await ApiAssert.OkJsonAsync(await acme.PostJsonAsync($"/api/v1/webhooks/{id}/rotate-secret?overlapSeconds=3600", new { }));
        Assert.NotEqual(secret, rotated.GetProperty("secret").GetString());
        Assert.Equal(JsonValueKind.String, rotated.GetProperty("subscription").GetProperty("previousSecretExpiresAt").ValueKind);
        await ApiAssert.ProblemAsync(await acme.PostJsonAsync($"/api/v1/webhooks/{id}/rotate-secret?overlapSeconds=-1", new { }), HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.NoContent, (await acme.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        await ApiAssert.ProblemAsync(await acme.GetAsync($"/api/v1/webhooks/{id}"), HttpStatusCode.NotFound, "webhook-not-found");
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_naming_the_field()
    {
        using var acme = Api.Client();

        var ftp = await ApiAssert.ProblemAsync(await acme.PostJsonAsync("/api/v1/webhooks", new { url = "ftp://example.com/x", eventTypes = new[] { "order.created" } }), HttpStatusCode.UnprocessableEntity);
        var unknown = await ApiAssert.ProblemAsync(await acme.PostJsonAsync("/api/v1/webhooks", new { url = "https://example.com/x", eventTypes = new[] { "order.bogus" } }), HttpStatusCode.UnprocessableEntity);
        var none = await ApiAssert.ProblemAsync(await acme.PostJsonAsync("/api/v1/webhooks", new { url = "https://example.com/x" }), HttpStatusCode.UnprocessableEntity);
        var extra = await ApiAssert.ProblemAsync(await acme.PostJsonAsync("/api/v1/webhooks", new { url = "https://example.com/x", eventTypes = new[] { "*" }, secret = "mine" }), HttpStatusCode.BadRequest);

        ApiAssert.NamesField(ftp, "url");
        ApiAssert.NamesField(unknown, "eventTypes[0]");
        ApiAssert.NamesField(none, "eventTypes");
        Assert.Equal("invalid-request", extra.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_order_event_is_delivered_signed_and_logged()
    {
        using var acme = Api.Client();
        var (id, secret) = await SubscribeAsync(acme, fixture.UrlFor("delivered"), "order.created");
        var orderId = await CreateOrderAsync(acme);

        await Eventually.TrueAsync(() => fixture.Received.Any(r => r.Body.Contains(orderId, StringComparison.Ordinal)), "the receiver gets the order's creation");

        var hook = Assert.Single(fixture.Received, r => r.Body.Contains(orderId, StringComparison.Ordinal));
        Assert.True(SignedBy(hook.Signature, secret, hook.Body), $"signature {hook.Signature} does not verify");
        Assert.Equal("order.created", hook.EventType);
        using var body = JsonDocument.Parse(hook.Body);
        Assert.Equal(hook.DeliveryId, body.RootElement.GetProperty("deliveryId").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("sequence").GetInt64());
        await Eventually.TrueAsync(async () =>
        {
            var log = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}/deliveries?status=succeeded");
            return log.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("deliveryId").GetString() == hook.DeliveryId
                && d.GetProperty("attempts").GetArrayLength() == 1 && d.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32() == 200);
        }, "the log shows the successful attempt");
        await ApiAssert.ProblemAsync(await acme.GetAsync($"/api/v1/webhooks/{id}/deliveries?status=lost"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Sustained_failure_disables_the_subscription_visibly_and_a_failed_delivery_is_replayed_once_it_is_enabled_again()
    {
        using var acme = Api.Client();
        fixture.AnswerByPath["failing"] = 500;
        var (id, secret) = await SubscribeAsync(acme, fixture.UrlFor("failing"), "order.created");
        await CreateOrderAsync(acme);
        await CreateOrderAsync(acme);

        await Eventually.TrueAsync(async () => (await acme.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}")).GetProperty("status").GetString() == "disabled",
            "the subscription is disabled");
        var subscription = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}");
        Assert.Contains("consecutive delivery attempts failed", subscription.GetProperty("disabledReason").GetString());
        var failed = (await acme.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}/deliveries?status=failed")).GetProperty("items");
        Assert.Equal(2, failed.GetArrayLength());
        var deliveryId = failed[0].GetProperty("deliveryId").GetString()!;
        await ApiAssert.ProblemAsync(await acme.PostJsonAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", new { }), HttpStatusCode.Conflict, "webhook-disabled");

        fixture.AnswerByPath["failing"] = 200;
        var enabled = await ApiAssert.OkJsonAsync(await acme.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { active = true }));
        Assert.Equal("active", enabled.GetProperty("status").GetString());
        var replayed = await ApiAssert.OkJsonAsync(await acme.PostJsonAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", new { }));

        Assert.Equal("succeeded", replayed.GetProperty("status").GetString());
        Assert.Equal("replay", replayed.GetProperty("attempts")[1].GetProperty("trigger").GetString());
        var resent = fixture.Received.Last(r => r.DeliveryId == deliveryId);
        Assert.Equal(200, resent.AnsweredWith);
        Assert.True(SignedBy(resent.Signature, secret, resent.Body));
        Assert.Equal(2, fixture.Received.Count(r => r.DeliveryId == deliveryId));
        await ApiAssert.ProblemAsync(await acme.PostJsonAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", new { }), HttpStatusCode.Conflict, "webhook-delivery-not-failed");
        await ApiAssert.ProblemAsync(await acme.PostJsonAsync($"/api/v1/webhooks/{id}/deliveries/dlv_unknown/replay", new { }), HttpStatusCode.NotFound, "webhook-delivery-not-found");
    }
}
