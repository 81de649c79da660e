using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OrderCluster.Api.Tests.Customers;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Problems;

/// <summary>Randomly mutated bodies (wrong types, huge or negative numbers, nulls, removed and unknown members, deep nesting, broken bytes) sent to every JSON write endpoint never produce a 5xx.</summary>
[Collection(ApiCollection.Name)]
public sealed class MutatedBodyTests(ApiCluster api)
{
    private const int MutationsPerEndpoint = 60;

    [Fact]
    public async Task Mutated_bodies_to_every_json_write_endpoint_are_answered_without_a_5xx()
    {
        using var client = api.Client();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var order = (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order()), HttpStatusCode.Created)).GetProperty("orderId").GetString();
        var customer = $"fuzz-{Guid.NewGuid():N}"[..16];
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/customers/{customer}", CustomersApiTests.Profile("Fuzz")));
        var draft = (await client.PostJsonAsync("/api/v1/drafts", new { channel = new { kind = "phone" }, currency = "EUR" })).Headers.Location;
        var warehouse = $"fuzz-{Guid.NewGuid():N}"[..16];
        var warehouseProfile = new { profile = new { name = "Fuzz DC", countryCode = "GB", region = "r", zones = new[] { "N1" }, priority = 5, dailyCapacity = 0, cutOffUtc = "16:00:00", costCurrency = "EUR", active = true } };
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/warehouses/{warehouse}", warehouseProfile));

        var endpoints = new (string Method, string Path, object Body)[]
        {
            ("POST", "/api/v1/orders", OrderBodies.Order()),
            ("POST", $"/api/v1/orders/{order}/actions/hold", new { reason = "r", expectedVersion = 1 }),
            ("POST", $"/api/v1/orders/{order}/approve", new { level = "manager", comment = "c" }),
            ("POST", $"/api/v1/orders/{order}/reject", new { reason = "r" }),
            ("POST", $"/api/v1/orders/{order}/change-lines", new { add = new[] { new { sku = "X", quantity = 1, unitPrice = 1m } }, update = new[] { new { lineId = "l1", quantity = 2 } }, remove = Array.Empty<string>() }),
            ("POST", $"/api/v1/orders/{order}/change-fulfilment", new { shippingAddress = OrderBodies.Address(), shipping = new { method = "m", price = 1m } }),
            ("POST", $"/api/v1/orders/{order}/set-custom-fields", new { values = new { gift = new { kind = "boolean", boolean = true } } }),
            ("POST", $"/api/v1/orders/{order}/change-priority", new { priority = "high", reason = "r" }),
            ("POST", $"/api/v1/orders/{order}/change-tags", new { add = new[] { "a" }, remove = new[] { "b" } }),
            ("POST", $"/api/v1/orders/{order}/notes", new { text = "t", visibility = "external" }),
            ("POST", $"/api/v1/orders/{order}/communications", new { kind = "email", direction = "outbound", party = "p", summary = "s", occurredAt = "2026-01-01T00:00:00Z" }),
            ("PUT", $"/api/v1/customers/{customer}", CustomersApiTests.Profile("Fuzz")),
            ("PUT", $"/api/v1/customers/{customer}/approval-thresholds", new { thresholds = new[] { new { amount = 5m, currency = "EUR" } } }),
            ("POST", "/api/v1/drafts", new { channel = new { kind = "phone" }, currency = "EUR" }),
            ("PUT", $"{draft}/lines", new { lines = new[] { new { sku = "X", quantity = 1, unitPrice = 1m } } }),
            ("PUT", $"{draft}/fulfilment", new { shipping = new { method = "m" }, tags = new[] { "t" } }),
            ("POST", $"{draft}/go-to-step", new { step = "customer" }),
            ("PUT", "/api/v1/saved-searches/fuzz", new { tag = "t", priority = "low", minTotal = 1m }),
            ("POST", "/api/v1/bulk-jobs", new { operation = "addTags", tags = new[] { "t" }, orderIds = new[] { order } }),
            ("POST", "/api/v1/api-keys", new { name = "n", scopes = new[] { "orders:read" } }),
            ("POST", $"/api/v1/orders/{order}/restore", new { reason = "r", expectedVersion = 1 }),
            // Tenant configuration of the shared tenant: a stale expectedVersion, and content that changes nothing (a
            // disabled dry-run rule of an event that never happens, no templates, the defaults) if a mutation drops it.
            ("PUT", "/api/v1/config/automation-rules", new
            {
                rules = new[]
                {
                    new
                    {
                        ruleId = "fuzz", name = "n", enabled = false, dryRun = true, trigger = new { eventType = "fuzz.never", delay = "00:00:05" },
                        condition = new { field = "order.tags", @operator = "contains", value = "fuzz", allOf = new[] { new { field = "order.total", @operator = "greaterThan", value = "1" } } },
                        steps = new[] { new { kind = "addTag", value = "t", delay = "00:00:01" } }, maxRunsPerOrder = 1,
                    },
                },
                expectedVersion = 1_000_000,
            }),
            // No template: any template, even of an event that never happens, makes every order of the tenant run its automation timer.
            ("PUT", "/api/v1/config/notification-templates", new { templates = Array.Empty<object>(), expectedVersion = 1_000_000 }),
            ("PUT", "/api/v1/config/archive-rules", new { rules = new[] { new { statuses = new[] { "closed", "cancelled" }, after = "90.00:00:00" } }, expectedVersion = 1_000_000 }),
            ("PUT", "/api/v1/config/sourcing-rules", new
            {
                rules = new { preferSingleWarehouse = true, criteria = new[] { "nearest", "priority", "highestStock", "lowestCost" }, maxWarehouses = 3, allowBackorder = true },
                expectedVersion = 1_000_000,
            }),
            ("PUT", "/api/v1/config/refund-policy", new { policy = new { approvalThreshold = 100m, approverRole = "finance" }, expectedVersion = 1_000_000 }),
            ("PUT", $"/api/v1/warehouses/{warehouse}", warehouseProfile),
            ("POST", $"/api/v1/warehouses/{warehouse}/receive", new { sku = "FUZZ-1", quantity = 1, reference = "r" }),
            ("POST", $"/api/v1/warehouses/{warehouse}/adjust", new { sku = "FUZZ-1", delta = 1, reason = "r" }),
            ("POST", $"/api/v1/warehouses/{warehouse}/unit-costs", new { sku = "FUZZ-1", cost = 1m, effectiveFrom = "2026-01-01T00:00:00Z" }),
            ("POST", $"/api/v1/orders/{order}/fulfilment/shipments/s1/advance", new { action = "ship", carrier = "c", trackingNumber = "t", reason = "r" }),
            ("POST", $"/api/v1/orders/{order}/returns", new { lines = new[] { new { lineId = "l1", quantity = 1, reason = "r" } }, exchange = new[] { new { sku = "X", quantity = 1 } } }),
            ("POST", $"/api/v1/orders/{order}/returns/r1/decide", new { approve = true, reason = "r" }),
            ("POST", $"/api/v1/orders/{order}/returns/r1/receive", new { lines = new[] { new { lineId = "l1", quantity = 1, disposition = "restock" } } }),
            ("POST", $"/api/v1/orders/{order}/refunds", new { amount = 1m, reason = "r", returnId = "r1" }),
            ("POST", $"/api/v1/orders/{order}/refunds/f1/decide", new { approve = true, reason = "r" }),
        };

        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, path, body) in endpoints)
        {
            var valid = JsonSerializer(body);
            var bodies = Enumerable.Range(0, MutationsPerEndpoint).Select(_ => Mutate(valid, random)).ToList();
            await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (text, ct) =>
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
                using var response = await client.SendAsync(request, ct);
                Interlocked.Increment(ref sent);
                if ((int)response.StatusCode >= 500)
                {
                    var answer = await response.Content.ReadAsStringAsync(ct);
                    lock (failures) failures.Add($"{(int)response.StatusCode} {method} {path} {text[..Math.Min(text.Length, 300)]} -> {answer}");
                }
            });
        }

        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {sent} got a 5xx:\n{string.Join("\n", failures.Take(10))}");
        Assert.Equal(endpoints.Length * MutationsPerEndpoint, sent);
    }

    private static string JsonSerializer(object body) => System.Text.Json.JsonSerializer.Serialize(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

    private static readonly Func<Random, JsonNode?>[] Replacements =
    [
        _ => JsonValue.Create("text"), _ => JsonValue.Create(-1), _ => JsonValue.Create(0), _ => JsonValue.Create(int.MaxValue),
        _ => JsonValue.Create(1e300), _ => JsonValue.Create(3.75m), _ => JsonValue.Create(true), _ => null, _ => new JsonArray(), _ => new JsonObject(),
        _ => JsonValue.Create(new string('x', 20_000)), _ => JsonValue.Create("\u0000\ud800"), _ => JsonValue.Create("2026-13-45T99:00:00Z"),
        r => JsonValue.Create(r.Next(int.MinValue, int.MaxValue)), _ => JsonValue.Create("approve"), _ => JsonValue.Create("../../etc/passwd"),
    ];

    private static string Mutate(string valid, Random random)
    {
        switch (random.Next(10))
        {
            case 0: return valid[..random.Next(valid.Length)];                                    // truncated
            case 1: return valid.Insert(random.Next(valid.Length), "\"}]{,:");                      // broken syntax
            case 2: return new string('[', 500) + new string(']', 500);                              // deep nesting
        }

        var root = JsonNode.Parse(valid)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        if (random.Next(4) == 0 && target is JsonObject obj)
        {
            if (obj.Count > 0 && random.Next(2) == 0) obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
            else obj[$"unknown{random.Next(100)}"] = 1;
            return root.ToJsonString();
        }

        var replacement = Replacements[random.Next(Replacements.Length)](random);
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
            default:
                return replacement?.ToJsonString() ?? "null";
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        if (node is JsonObject obj) foreach (var (_, child) in obj) { if (child is not null) Collect(child, nodes); }
        else if (node is JsonArray array) foreach (var child in array) { if (child is not null) Collect(child, nodes); }
    }
}
