using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderCluster.Api.Tests.Customers;
using OrderCluster.Api.Tests.Support;
using Xunit.Abstractions;

namespace OrderCluster.Api.Tests.Problems;

/// <summary>
/// 10,000 randomly mutated bodies (wrong types, huge or negative numbers, nulls, removed and unknown members, deep
/// nesting, broken bytes) spread over every write endpoint that takes a body, as the OpenAPI document lists them (a
/// new endpoint without a seed body fails the test): none is answered with a 5xx, and none answered with a 4xx
/// changes the resource it was sent to (its ETag, or its listing, read before and after). The seed is printed, and
/// <c>MUTATED_BODY_SEED</c> replays a run.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MutatedBodyTests(ApiCluster api, ITestOutputHelper output)
{
    private const int TotalMutations = 10_000;
    private const int Parallelism = 16;

    /// <summary>
    /// One endpoint's valid body and where to look for a change: <paramref name="Probe"/> is read before and after each
    /// answer; a 4xx must leave it as it was (its ETag when it has one, else its body). Null only for an endpoint
    /// whose effect shows in no synchronous read (named in <see cref="Unprobed"/>).
    /// </summary>
    private sealed record Seed(string Method, string Path, object Body, string? Probe, string ContentType = "application/json");

    /// <summary>
    /// Endpoints whose effect no read shows at once: creates listed by no synchronous read (orders are found through a
    /// projection, drafts through their id), asynchronous jobs (bulk jobs and imports land later, so a 4xx could not be
    /// told apart from an earlier 2xx landing), a read-only run, and sign-in (a session key is listed nowhere). Only
    /// "no 5xx" is checked for them.
    /// </summary>
    private static readonly string[] Unprobed =
        ["POST /api/v1/orders", "POST /api/v1/drafts", "POST /api/v1/bulk-jobs", "POST /api/v1/imports", "POST /api/v1/reports/run", "POST /api/v1/sessions"];

    [Fact]
    public async Task Ten_thousand_mutated_bodies_to_every_write_endpoint_get_no_5xx_and_a_4xx_changes_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MUTATED_BODY_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        output.WriteLine($"MUTATED_BODY_SEED={seed}");
        using var client = api.Client();
        var seeds = await SeedsAsync(client);
        var routes = await WriteRoutesAsync(client);

        var unseeded = routes.Where(r => !seeds.ContainsKey(r)).ToList();
        Assert.True(unseeded.Count == 0, $"write endpoints without a seed body (add one to SeedsAsync): {string.Join(", ", unseeded)}");
        var unexplained = seeds.Where(s => s.Value.Probe is null && !Unprobed.Contains(s.Key)).Select(s => s.Key).ToList();
        Assert.True(unexplained.Count == 0, $"seeds without a probe (give one, or explain in Unprobed): {string.Join(", ", unexplained)}");
        var unreadable = new List<string>();
        foreach (var probe in seeds.Values.Select(s => s.Probe).OfType<string>().Distinct())
            if (!(await ProbeAsync(client, probe, CancellationToken.None)).StartsWith('2')) unreadable.Add(probe);
        Assert.True(unreadable.Count == 0, $"probes that cannot be read: {string.Join(", ", unreadable)}");
        var random = new Random(seed);
        var plan = routes.Select((route, i) =>
        {
            var count = TotalMutations / routes.Count + (i < TotalMutations % routes.Count ? 1 : 0);
            var valid = JsonSerializer.Serialize(seeds[route].Body, Web);
            return (Route: route, Seed: seeds[route], Bodies: Enumerable.Range(0, count).Select(_ => Mutate(valid, random)).ToList());
        }).ToList();

        // Endpoints of the same resource (an order with its fulfilment and after-sales) run one after the other (a 2xx of one must not look like a change made
        // by another's 4xx); different resources run in parallel.
        var failures = new List<string>();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        // Tenant configuration goes first, on its own: a configuration a mutation publishes (SLA policy, custom fields)
        // makes the tenant's orders change in the background, which must not look like a 4xx's change to an order.
        foreach (var phase in plan.GroupBy(p => p.Seed.Path.StartsWith("/api/v1/config/", StringComparison.Ordinal)).OrderByDescending(g => g.Key))
        await Parallel.ForEachAsync(phase.GroupBy(p => Resource(p.Seed.Probe) ?? p.Route), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (group, ct) =>
        {
            foreach (var (route, s, bodies) in group)
            {
                var before = s.Probe is null ? null : await ProbeAsync(client, s.Probe, ct);
                foreach (var text in bodies)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(s.Method), s.Path) { Content = new StringContent(text, Encoding.UTF8, s.ContentType) };
                    using var response = await client.SendAsync(request, ct);
                    Interlocked.Increment(ref sent);
                    var status = (int)response.StatusCode;
                    if (status >= 500)
                        Fail($"{status} {route} {Short(text)} -> {Short(await response.Content.ReadAsStringAsync(ct))}");
                    if (s.Probe is null) continue;
                    var after = await ProbeAsync(client, s.Probe, ct);
                    if (status is >= 400 and < 500 && after != before)
                        Fail($"{status} {route} changed {s.Probe}: {Short(before)} -> {Short(after)} for {Short(text)}; {await ChangeOfAsync(client, s.Probe, ct)}");
                    before = after;
                }
            }
        });
        output.WriteLine($"{sent} mutated bodies to {routes.Count} endpoints in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {sent} failed:\n{string.Join("\n", failures.Take(10))}");
        Assert.Equal(TotalMutations, sent);

        void Fail(string message)
        {
            lock (failures) failures.Add(message);
        }
    }

    /// <summary>"METHOD /path/{template}" of every POST, PUT and PATCH of the OpenAPI document that takes a request body.</summary>
    private static async Task<List<string>> WriteRoutesAsync(HttpClient client)
    {
        var document = await ApiAssert.OkJsonAsync(await client.GetAsync("/openapi/v1.json"));
        var routes = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            if (operation.Name is "post" or "put" or "patch" && operation.Value.TryGetProperty("requestBody", out _))
                routes.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
        }

        Assert.True(routes.Count > 30, $"the OpenAPI document lists only {routes.Count} write endpoints with a body");
        return [.. routes.Order(StringComparer.Ordinal)];
    }

    /// <summary>The resources the bodies are sent to (an order, a customer, a draft, a warehouse, a webhook, ...) and a valid body per route.</summary>
    private async Task<Dictionary<string, Seed>> SeedsAsync(HttpClient client)
    {
        var order = (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order()), HttpStatusCode.Created)).GetProperty("orderId").GetString();
        // Bulk jobs change their orders later, asynchronously: they get an order of their own.
        var bulkOrder = (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order()), HttpStatusCode.Created)).GetProperty("orderId").GetString();
        var customer = $"fuzz-{Guid.NewGuid():N}"[..16];
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/customers/{customer}", CustomersApiTests.Profile("Fuzz")));
        var draft = (await client.PostJsonAsync("/api/v1/drafts", new { channel = new { kind = "phone" }, currency = "EUR" })).Headers.Location!.ToString();
        // Submitting or discarding closes a draft: those two get a draft of their own.
        var closable = (await client.PostJsonAsync("/api/v1/drafts", new { channel = new { kind = "phone" }, currency = "EUR" })).Headers.Location!.ToString();
        var warehouse = $"fuzz-{Guid.NewGuid():N}"[..16];
        var warehouseProfile = new { profile = new { name = "Fuzz DC", countryCode = "GB", region = "r", zones = new[] { "N1" }, priority = 5, dailyCapacity = 0, cutOffUtc = "16:00:00", costCurrency = "EUR", active = true } };
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/warehouses/{warehouse}", warehouseProfile));
        // A public address: the subscription is never delivered to (no event of the fuzz tenant matches it).
        var webhook = (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.216.34/fuzz", eventTypes = new[] { "order.archived" } }),
            HttpStatusCode.Created)).GetProperty("subscription").GetProperty("subscriptionId").GetString();
        var report = await CreateReportAsync(client);
        var user = "fuzz-user";
        await client.PostJsonAsync("/api/v1/users", new { username = user, password = "fuzz-password-1", roles = new[] { "sales" } }); // 201, or 409 on a rerun
        var o = $"/api/v1/orders/{order}";
        var reasonAndStaleVersion = new { reason = "r", expectedVersion = 1 };
        var seeds = new List<(string Route, Seed Seed)>
        {
            ("POST /api/v1/orders", new("POST", "/api/v1/orders", OrderBodies.Order(), null)),
            ("POST /api/v1/orders/{orderId}/actions/{action}", new("POST", $"{o}/actions/hold", reasonAndStaleVersion, o)),
            ("POST /api/v1/orders/{orderId}/cancel", new("POST", $"{o}/cancel", reasonAndStaleVersion, o)),
            ("POST /api/v1/orders/{orderId}/hold", new("POST", $"{o}/hold", reasonAndStaleVersion, o)),
            ("POST /api/v1/orders/{orderId}/resume", new("POST", $"{o}/resume", reasonAndStaleVersion, o)),
            ("POST /api/v1/orders/{orderId}/approve", new("POST", $"{o}/approve", new { level = "manager", comment = "c" }, o)),
            ("POST /api/v1/orders/{orderId}/reject", new("POST", $"{o}/reject", new { reason = "r" }, o)),
            ("POST /api/v1/orders/{orderId}/assign", new("POST", $"{o}/assign", new { assignee = "agent-1", reason = "r", expectedVersion = 1 }, o)),
            ("POST /api/v1/orders/{orderId}/archive", new("POST", $"{o}/archive", reasonAndStaleVersion, o)),
            ("POST /api/v1/orders/{orderId}/restore", new("POST", $"{o}/restore", reasonAndStaleVersion, o)),
            ("POST /api/v1/orders/{orderId}/change-lines", new("POST", $"{o}/change-lines",
                new { add = new[] { new { sku = "X", quantity = 1, unitPrice = 1m } }, update = new[] { new { lineId = "l1", quantity = 2 } }, remove = Array.Empty<string>() }, o)),
            ("POST /api/v1/orders/{orderId}/change-fulfilment", new("POST", $"{o}/change-fulfilment", new { shippingAddress = OrderBodies.Address(), shipping = new { method = "m", price = 1m } }, o)),
            ("POST /api/v1/orders/{orderId}/set-custom-fields", new("POST", $"{o}/set-custom-fields", new { values = new { gift = new { kind = "boolean", boolean = true } } }, o)),
            ("POST /api/v1/orders/{orderId}/change-priority", new("POST", $"{o}/change-priority", new { priority = "high", reason = "r" }, o)),
            ("POST /api/v1/orders/{orderId}/change-tags", new("POST", $"{o}/change-tags", new { add = new[] { "a" }, remove = new[] { "b" } }, o)),
            ("POST /api/v1/orders/{orderId}/notes", new("POST", $"{o}/notes", new { text = "t", visibility = "external" }, o)),
            ("POST /api/v1/orders/{orderId}/notes/{noteId}", new("POST", $"{o}/notes/n1", new { text = "t" }, o)),
            ("POST /api/v1/orders/{orderId}/communications", new("POST", $"{o}/communications",
                new { kind = "email", direction = "outbound", party = "p", summary = "s", occurredAt = "2026-01-01T00:00:00Z" }, o)),
            ("POST /api/v1/orders/{orderId}/split", new("POST", $"{o}/split",
                new { lines = new[] { new { lineId = "l1", quantity = 1 } }, newOrderId = "fuzz-split", expectedVersion = 1_000_000 }, o)),
            ("POST /api/v1/orders/{orderId}/merge", new("POST", $"{o}/merge", new { targetOrderId = bulkOrder, expectedVersion = 1_000_000 }, o)),
            ("POST /api/v1/orders/{orderId}/attachments", new("POST", $"{o}/attachments", new { fileName = "a.txt", contentType = "text/plain", contentBase64 = "aGk=" }, o)),
            ("PUT /api/v1/customers/{customerId}", new("PUT", $"/api/v1/customers/{customer}", CustomersApiTests.Profile("Fuzz"), $"/api/v1/customers/{customer}")),
            ("PUT /api/v1/customers/{customerId}/approval-thresholds", new("PUT", $"/api/v1/customers/{customer}/approval-thresholds",
                new { thresholds = new[] { new { amount = 5m, currency = "EUR" } } }, $"/api/v1/customers/{customer}")),
            ("POST /api/v1/drafts", new("POST", "/api/v1/drafts", new { channel = new { kind = "phone" }, currency = "EUR" }, null)),
            ("PUT /api/v1/drafts/{draftId}/customer", new("PUT", $"{draft}/customer", new { customer = new { customerId = customer, name = "Fuzz" } }, draft)),
            ("PUT /api/v1/drafts/{draftId}/lines", new("PUT", $"{draft}/lines", new { lines = new[] { new { sku = "X", quantity = 1, unitPrice = 1m } } }, draft)),
            ("PUT /api/v1/drafts/{draftId}/fulfilment", new("PUT", $"{draft}/fulfilment", new { shipping = new { method = "m" }, tags = new[] { "t" } }, draft)),
            ("POST /api/v1/drafts/{draftId}/go-to-step", new("POST", $"{draft}/go-to-step", new { step = "customer" }, draft)),
            ("POST /api/v1/drafts/{draftId}/submit", new("POST", $"{closable}/submit", new { expectedVersion = 1_000_000 }, closable)),
            ("POST /api/v1/drafts/{draftId}/discard", new("POST", $"{closable}/discard", new { expectedVersion = 1_000_000 }, closable)),
            ("PUT /api/v1/saved-searches/{name}", new("PUT", "/api/v1/saved-searches/fuzz", new { tag = "t", priority = "low", minTotal = 1m }, "/api/v1/saved-searches")),
            ("POST /api/v1/bulk-jobs", new("POST", "/api/v1/bulk-jobs",
                new { operation = "addTags", tags = new[] { "t" }, assignee = "agent-1", reason = "r", orderIds = new[] { bulkOrder } }, null)),
            ("POST /api/v1/imports", new("POST", "/api/v1/imports",
                new { source = "fuzz", orders = new[] { new { sourceId = "fuzz-1", status = "closed", createdAt = "2025-01-01T00:00:00Z", order = OrderBodies.Order() } } }, null)),
            ("POST /api/v1/api-keys", new("POST", "/api/v1/api-keys", new { name = "n", scopes = new[] { "orders:read" } }, "/api/v1/api-keys")),
            ("POST /api/v1/users", new("POST", "/api/v1/users", new { username = "fuzz-new", password = "fuzz-password-1", roles = new[] { "sales" } }, "/api/v1/users")),
            // one probe for both user routes: a change to the edited user shows in the list, so they run one after the other
            ("PUT /api/v1/users/{username}", new("PUT", $"/api/v1/users/{user}", new { displayName = "Fuzz", roles = new[] { "sales" } }, "/api/v1/users")),
            ("POST /api/v1/sessions", new("POST", "/api/v1/sessions", new { tenant = "acme", username = user, password = "not-the-password" }, null)),
            // Tenant configuration of the shared tenant: a stale expectedVersion, and content that changes nothing (a
            // disabled dry-run rule of an event that never happens, no templates, the defaults) if a mutation drops it.
            ("PUT /api/v1/config/automation-rules", new("PUT", "/api/v1/config/automation-rules", new
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
            }, "/api/v1/config/automation-rules")),
            // No template: any template, even of an event that never happens, makes every order of the tenant run its automation timer.
            ("PUT /api/v1/config/notification-templates", new("PUT", "/api/v1/config/notification-templates",
                new { templates = Array.Empty<object>(), expectedVersion = 1_000_000 }, "/api/v1/config/notification-templates")),
            ("PUT /api/v1/config/archive-rules", new("PUT", "/api/v1/config/archive-rules",
                new { rules = new[] { new { statuses = new[] { "closed", "cancelled" }, after = "90.00:00:00" } }, expectedVersion = 1_000_000 }, "/api/v1/config/archive-rules")),
            ("PUT /api/v1/config/sourcing-rules", new("PUT", "/api/v1/config/sourcing-rules", new
            {
                rules = new { preferSingleWarehouse = true, criteria = new[] { "nearest", "priority", "highestStock", "lowestCost" }, maxWarehouses = 3, allowBackorder = true },
                expectedVersion = 1_000_000,
            }, "/api/v1/config/sourcing-rules")),
            ("PUT /api/v1/config/refund-policy", new("PUT", "/api/v1/config/refund-policy",
                new { policy = new { approvalThreshold = 100m, approverRole = "finance" }, expectedVersion = 1_000_000 }, "/api/v1/config/refund-policy")),
            ("PUT /api/v1/config/workflow", new("PUT", "/api/v1/config/workflow",
                new { definition = new { name = "fuzz", states = Array.Empty<object>(), transitions = Array.Empty<object>() }, expectedVersion = 1_000_000 }, "/api/v1/config/workflow")),
            ("PUT /api/v1/config/sla-policy", new("PUT", "/api/v1/config/sla-policy",
                new { policy = new { rules = Array.Empty<object>() }, expectedVersion = 1_000_000 }, "/api/v1/config/sla-policy")),
            ("PUT /api/v1/config/custom-fields", new("PUT", "/api/v1/config/custom-fields",
                new { schema = new { fields = Array.Empty<object>() }, expectedVersion = 1_000_000 }, "/api/v1/config/custom-fields")),
            ("PUT /api/v1/config/templates/{templateId}", new("PUT", "/api/v1/config/templates/fuzz",
                new { template = new { name = "Fuzz", channel = new { kind = "phone" }, currency = "EUR", lines = Array.Empty<object>() }, expectedVersion = 1_000_000 }, "/api/v1/config/templates")),
            ("PUT /api/v1/warehouses/{warehouseId}", new("PUT", $"/api/v1/warehouses/{warehouse}", warehouseProfile, $"/api/v1/warehouses/{warehouse}")),
            ("POST /api/v1/warehouses/{warehouseId}/receive", new("POST", $"/api/v1/warehouses/{warehouse}/receive", new { sku = "FUZZ-1", quantity = 1, reference = "r" }, $"/api/v1/warehouses/{warehouse}")),
            ("POST /api/v1/warehouses/{warehouseId}/adjust", new("POST", $"/api/v1/warehouses/{warehouse}/adjust", new { sku = "FUZZ-1", delta = 1, reason = "r" }, $"/api/v1/warehouses/{warehouse}")),
            ("POST /api/v1/warehouses/{warehouseId}/unit-costs", new("POST", $"/api/v1/warehouses/{warehouse}/unit-costs",
                new { sku = "FUZZ-1", cost = 1m, effectiveFrom = "2026-01-01T00:00:00Z" }, $"/api/v1/warehouses/{warehouse}")),
            ("POST /api/v1/orders/{orderId}/fulfilment/shipments/{shipmentId}/advance", new("POST", $"{o}/fulfilment/shipments/s1/advance",
                new { action = "ship", carrier = "c", trackingNumber = "t", reason = "r" }, $"{o}/fulfilment")),
            ("POST /api/v1/orders/{orderId}/returns", new("POST", $"{o}/returns",
                new { lines = new[] { new { lineId = "l1", quantity = 1, reason = "r" } }, exchange = new[] { new { sku = "X", quantity = 1 } } }, $"{o}/after-sales")),
            ("POST /api/v1/orders/{orderId}/returns/{returnId}/decide", new("POST", $"{o}/returns/r1/decide", new { approve = true, reason = "r" }, $"{o}/after-sales")),
            ("POST /api/v1/orders/{orderId}/returns/{returnId}/receive", new("POST", $"{o}/returns/r1/receive",
                new { lines = new[] { new { lineId = "l1", quantity = 1, disposition = "restock" } } }, $"{o}/after-sales")),
            ("POST /api/v1/orders/{orderId}/refunds", new("POST", $"{o}/refunds", new { amount = 1m, reason = "r", returnId = "r1" }, $"{o}/after-sales")),
            ("POST /api/v1/orders/{orderId}/refunds/{refundId}/decide", new("POST", $"{o}/refunds/f1/decide", new { approve = true, reason = "r" }, $"{o}/after-sales")),
            ("POST /api/v1/webhooks", new("POST", "/api/v1/webhooks", new { url = "https://93.184.216.34/fuzz", eventTypes = new[] { "order.archived" }, description = "d" }, "/api/v1/webhooks")),
            ("PATCH /api/v1/webhooks/{subscriptionId}", new("PATCH", $"/api/v1/webhooks/{webhook}",
                new { url = "https://93.184.216.34/fuzz2", eventTypes = new[] { "order.archived" }, description = "d", active = true, expectedVersion = 1_000_000 }, "/api/v1/webhooks")),
            ("POST /api/v1/webhooks/{subscriptionId}/rotate-secret", new("POST", $"/api/v1/webhooks/{webhook}/rotate-secret", new { overlapSeconds = 60 }, "/api/v1/webhooks")),
            ("POST /api/v1/reports/run", new("POST", "/api/v1/reports/run", ReportDefinition(), null)),
            ("POST /api/v1/reports", new("POST", "/api/v1/reports", new { name = "Fuzz", description = "d", definition = ReportDefinition() }, "/api/v1/reports")),
            ("PUT /api/v1/reports/{reportId}", new("PUT", $"/api/v1/reports/{report}", new { name = "Fuzz", description = "d", definition = ReportDefinition() }, "/api/v1/reports")),
            ("PUT /api/v1/reports/{reportId}/schedule", new("PUT", $"/api/v1/reports/{report}/schedule",
                new { frequency = "weekly", day = "monday", at = "06:30", channel = "email", email = "ops@example.com" }, "/api/v1/reports")),
        };
        return seeds.ToDictionary(s => s.Route, s => s.Seed, StringComparer.Ordinal);
    }

    private static object ReportDefinition() => new { measures = new[] { "orders" }, dimension = "channel", range = "last-7-days", grain = "day" };

    private static async Task<string> CreateReportAsync(HttpClient client)
    {
        var created = await client.PostJsonAsync("/api/v1/reports", new { name = "Fuzz", definition = ReportDefinition() });
        return created.IsSuccessStatusCode && JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.TryGetProperty("reportId", out var id)
            ? id.GetString()!
            : "fuzz-report";
    }

    /// <summary>What a 4xx must not change: the ETag when the read has one, else the body.</summary>
    private static async Task<string> ProbeAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        return response.Headers.ETag?.Tag is { } etag ? $"{(int)response.StatusCode} {etag}" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
    }

    /// <summary>What changed, for the failure message: the newest audit entry of an order.</summary>
    private static async Task<string> ChangeOfAsync(HttpClient client, string probe, CancellationToken ct)
    {
        if (!probe.StartsWith("/api/v1/orders/", StringComparison.Ordinal) || probe.Count(c => c == '/') != 4) return "";
        var audit = JsonDocument.Parse(await client.GetStringAsync($"{probe}/audit", ct)).RootElement.GetProperty("items");
        return "newest audit entry: " + Short(audit[audit.GetArrayLength() - 1].ToString());
    }

    /// <summary>The resource a probe reads: <c>/api/v1/orders/{id}</c> for the order and its fulfilment and after-sales alike.</summary>
    private static string? Resource(string? probe) => probe is null ? null : string.Join('/', probe.Split('/').Take(5));

    private static string Short(string? text) => text is null ? "" : text[..Math.Min(text.Length, 300)];

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Func<Random, JsonNode?>[] Replacements =
    [
        _ => JsonValue.Create("text"), _ => JsonValue.Create(-1), _ => JsonValue.Create(0), _ => JsonValue.Create(int.MaxValue),
        _ => JsonValue.Create(1e300), _ => JsonValue.Create(3.75m), _ => JsonValue.Create(true), _ => null, _ => new JsonArray(), _ => new JsonObject(),
        _ => JsonValue.Create(new string('x', 20_000)), _ => JsonValue.Create("\u0000\ud800"), _ => JsonValue.Create("2026-13-45T99:00:00Z"),
        r => JsonValue.Create(r.Next(int.MinValue, int.MaxValue)), _ => JsonValue.Create("approve"), _ => JsonValue.Create("../../etc/passwd"),
        _ => JsonValue.Create("https://169.254.169.254/latest/meta-data"), _ => JsonValue.Create("http://127.0.0.1:1/x"),
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
