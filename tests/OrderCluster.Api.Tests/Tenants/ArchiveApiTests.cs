using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Tenants;

/// <summary>
/// An archive rule published over HTTP archives an order cancelled over HTTP; the archive finds it (and /orders no
/// longer does), commands refuse it, restore brings it back to /orders and out of the archive. The archive search
/// reads the order search read model, so the test waits for the projection where a change must show.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ArchiveApiTests(ApiCluster api)
{
    [Fact]
    public async Task An_order_archived_by_a_published_rule_is_searchable_refuses_commands_and_is_restored_over_http()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var admin = api.Client(tenant.AdminKey);
        using var reader = api.Client(await tenant.KeyAsync(api, "orders:read"));
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var customer = $"arch-{Guid.NewGuid():N}"[..16];
        await ApiAssert.OkJsonAsync(await admin.PutAsJsonAsync("/api/v1/config/archive-rules", new { rules = new[] { new { statuses = new[] { "cancelled" }, after = "00:00:01" } } }));
        var orderId = (await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/orders", OrderBodies.Order(customerId: customer, clientReference: $"ref-{customer}")), HttpStatusCode.Created))
            .GetProperty("orderId").GetString()!;
        var kept = (await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/orders", OrderBodies.Order(customerId: customer)), HttpStatusCode.Created)).GetProperty("orderId").GetString()!;

        await ApiAssert.OkJsonAsync(await admin.PostJsonAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "customer asked" }));
        var found = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            found = await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/archive?customerId={customer}"));
            return found.GetProperty("items").GetArrayLength() == 1;
        }, "the cancelled order is archived", TimeSpan.FromSeconds(30));
        var byReference = await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/archive?q=ref-{customer}&status=cancelled"));
        var otherStatus = await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/archive?customerId={customer}&status=closed"));
        var otherTenant = await ApiAssert.OkJsonAsync(await globex.GetAsync($"/api/v1/archive?customerId={customer}"));
        var liveWhileArchived = await SearchProjection.ListedAsync(reader, $"/api/v1/orders?customerId={customer}", 1);
        var archivedInOrders = await SearchProjection.ListedAsync(reader, $"/api/v1/orders?customerId={customer}&archived=true", 1);
        var archivedLastHour = await ApiAssert.OkJsonAsync(await reader.GetAsync(
            $"/api/v1/archive?customerId={customer}&archivedFrom={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}"));
        var archivedBefore = await ApiAssert.OkJsonAsync(await reader.GetAsync(
            $"/api/v1/archive?customerId={customer}&archivedTo={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}"));
        var badLimit = await reader.GetAsync("/api/v1/archive?limit=0");
        var note = await admin.PostJsonAsync($"/api/v1/orders/{orderId}/notes", new { text = "too late", visibility = "internal" });
        var noReason = await admin.PostJsonAsync($"/api/v1/orders/{orderId}/restore", new { });
        var otherTenantsRestore = await globex.PostJsonAsync($"/api/v1/orders/{orderId}/restore", new { reason = "not ours" });
        await ApiAssert.OkJsonAsync(await admin.PutAsJsonAsync("/api/v1/config/archive-rules", new { rules = new[] { new { statuses = new[] { "cancelled" }, after = "1.00:00:00" } }, expectedVersion = 2 }));
        var restored = await admin.PostJsonAsync($"/api/v1/orders/{orderId}/restore", new { reason = "customer dispute" }, idempotencyKey: $"restore-{orderId}");
        var again = await admin.PostJsonAsync($"/api/v1/orders/{orderId}/restore", new { reason = "again" });
        var afterRestore = await SearchProjection.ListedAsync(reader, $"/api/v1/archive?customerId={customer}", 0);
        var backInOrders = await SearchProjection.ListedAsync(reader, $"/api/v1/orders?customerId={customer}", 2);
        var order = await ApiAssert.OkJsonAsync(await reader.GetAsync($"/api/v1/orders/{orderId}"));

        var entry = found.GetProperty("items")[0];
        Assert.Equal((orderId, "cancelled", $"ref-{customer}"),
            (entry.GetProperty("orderId").GetString(), entry.GetProperty("status").GetString(), entry.GetProperty("clientReference").GetString()));
        Assert.NotEqual(kept, entry.GetProperty("orderId").GetString());
        Assert.Equal([orderId], byReference.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
        Assert.Equal(0, otherStatus.GetProperty("items").GetArrayLength());
        Assert.Equal(0, otherTenant.GetProperty("items").GetArrayLength());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badLimit, HttpStatusCode.BadRequest), "limit");
        var refused = await ApiAssert.ProblemAsync(note, HttpStatusCode.Conflict, "order-archived");
        Assert.Equal(["restore"], refused.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noReason, HttpStatusCode.UnprocessableEntity), "reason");
        await ApiAssert.ProblemAsync(otherTenantsRestore, HttpStatusCode.NotFound, "order-not-found");
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.NotNull(restored.Headers.ETag);
        await ApiAssert.ProblemAsync(again, HttpStatusCode.Conflict, "order-not-archived");
        Assert.Equal(0, afterRestore.GetProperty("items").GetArrayLength());
        Assert.Equal([kept], liveWhileArchived.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
        Assert.Equal([orderId], archivedInOrders.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
        Assert.Equal([orderId], archivedLastHour.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
        Assert.Equal(0, archivedBefore.GetProperty("items").GetArrayLength());
        Assert.True(entry.GetProperty("archivedAt").GetDateTimeOffset() > entry.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(new[] { kept, orderId }.Order(StringComparer.Ordinal), backInOrders.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, order.TryGetProperty("archivedAt", out var archivedAt) ? archivedAt.ValueKind : JsonValueKind.Null);
    }
    [Fact]
    public async Task An_order_in_a_final_state_is_archived_by_hand_with_if_match_and_an_idempotency_key_and_others_are_refused_with_the_reason()
    {
        using var client = api.Client();
        var customer = $"harch-{Guid.NewGuid():N}"[..16];
        var created = await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order(customerId: customer));
        var orderId = (await ApiAssert.OkJsonAsync(created, HttpStatusCode.Created)).GetProperty("orderId").GetString()!;
        var openId = (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order(customerId: customer)), HttpStatusCode.Created))
            .GetProperty("orderId").GetString()!;
        var cancelled = await client.PostJsonAsync($"/api/v1/orders/{orderId}/cancel", new { reason = "customer asked" });
        await ApiAssert.OkJsonAsync(cancelled);
        var key = $"archive-{orderId}";

        var stale = await client.PostJsonAsync($"/api/v1/orders/{orderId}/archive", new { reason = "done" }, ifMatch: created.Headers.ETag!.Tag);
        var archived = await client.PostJsonAsync($"/api/v1/orders/{orderId}/archive", new { reason = "done" }, idempotencyKey: key, ifMatch: cancelled.Headers.ETag!.Tag);
        var retried = await client.PostJsonAsync($"/api/v1/orders/{orderId}/archive", new { reason = "done" }, idempotencyKey: key, ifMatch: cancelled.Headers.ETag!.Tag);
        var twice = await client.PostJsonAsync($"/api/v1/orders/{orderId}/archive", new { });
        var open = await client.PostJsonAsync($"/api/v1/orders/{openId}/archive", new { reason = "tidy up" });
        var order = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{orderId}"));
        var audit = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{orderId}/audit"));
        var inArchive = await SearchProjection.ListedAsync(client, $"/api/v1/archive?customerId={customer}", 1);

        await ApiAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version-conflict");
        var result = await ApiAssert.OkJsonAsync(archived);
        var version = result.GetProperty("version").GetInt64();
        Assert.Equal($"\"{version}\"", archived.Headers.ETag!.Tag);
        Assert.Equal(version, (await ApiAssert.OkJsonAsync(retried)).GetProperty("version").GetInt64());
        Assert.Contains("already archived", (await ApiAssert.ProblemAsync(twice, HttpStatusCode.Conflict, "order-archived")).GetProperty("detail").GetString());
        Assert.Contains("only an order in a final state", (await ApiAssert.ProblemAsync(open, HttpStatusCode.Conflict, "order-not-archivable")).GetProperty("detail").GetString());
        Assert.Equal(version, order.GetProperty("version").GetInt64());
        Assert.Equal(JsonValueKind.String, order.TryGetProperty("archivedAt", out var archivedAt) ? archivedAt.ValueKind : JsonValueKind.Null);
        Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "archive");
        Assert.Equal([orderId], inArchive.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
    }
}
